//! MS204 `default-registry-limits`
//!
//! ## What it does
//! Explains what `_default` can and cannot do: it needs containerd
//! 1.6.17+/1.7.0+, covers only registries without a directory of their own,
//! and its upstream fallback cannot be turned off.
//!
//! ## Why is this bad?
//! On older 1.6 releases the directory is ignored silently. Without `server`
//! containerd always adds the image's own registry as the last host.
//!
//! ## Use instead
//! A directory per registry where the fallback must be off.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS204",
    name: "default-registry-limits",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let Some(r) = plan.registries.iter().find(|r| r.host.is_default()) else {
        return;
    };
    if plan
        .profile
        .containerd
        .as_ref()
        .is_some_and(|c| c.version == ContainerdVersion::V1_6)
    {
        f.info(
            Field::RegistryHost(r.index),
            text!(
                "_default is read from containerd 1.6.17 on; older 1.6 releases ignore it.",
                "_default 需要 containerd 1.6.17 及以上；更早的 1.6 版本会忽略它。"
            ),
            text!(
                "Check with containerd --version.",
                "请用 containerd --version 确认版本。"
            ),
        );
    }
    if !r.source.fallback {
        f.warning(
            Field::RegistryFallback(r.index),
            text!(
                "_default always falls back to the image's own registry: containerd adds it as the last host when there is no server.",
                "_default 总会回退到镜像本身的仓库：没有 server 时 containerd 会把它加为最后一个地址。"
            ),
            text!(
                "Give each registry that must never be contacted its own entry with fallback off.",
                "对于必须禁止直连的仓库，请单独添加并关闭回退。"
            ),
        );
    }
    if r.mirrors.is_empty() {
        f.warning(
            Field::RegistryHost(r.index),
            text!(
                "_default has no mirror, so no file is written for it.",
                "_default 没有镜像源，因此不会为它生成文件。"
            ),
            text!(
                "Add a mirror (for example a pull-through cache) or remove _default.",
                "请添加镜像源（例如拉取缓存），或删除 _default。"
            ),
        );
    }
}
