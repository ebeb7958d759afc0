//! MS308 `mirror-provider-status`
//!
//! ## What it does
//! Reports mirrors of providers that shut down or are unreliable, by the
//! dated provider data (`data/providers.toml`).
//!
//! ## Why is this bad?
//! Blog recipes still list registry.docker-cn.com, hub-mirror.c.163.com and
//! the university mirrors that stopped in 2024. Each dead host costs a
//! timeout on every pull.
//!
//! ## Use instead
//! A working provider, or a mirror in your own network.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS308",
    name: "mirror-provider-status",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let as_of = &catalog().providers_as_of;
    for r in &plan.registries {
        for m in &r.mirrors {
            let Some(p) = m.known_provider else {
                continue;
            };
            let field = Field::mirror(r.index, m.index, MirrorField::Url);
            let u = &m.url_text;
            let (note, note_zh) = (&p.note, &p.note_zh);
            match p.status {
                ProviderStatus::Gone => f.warning(
                    field,
                    text!(
                        "{u} no longer works: {note} (as of {as_of})",
                        "{u} 已不可用：{note_zh}（数据日期 {as_of}）"
                    ),
                    text!(
                        "Remove it; each dead mirror costs a timeout on every pull.",
                        "请删除它；每个失效的镜像源都会让每次拉取多等一次超时。"
                    ),
                ),
                ProviderStatus::Unreliable => f.info(
                    field,
                    text!(
                        "{u} is unreliable: {note} (as of {as_of})",
                        "{u} 不稳定：{note_zh}（数据日期 {as_of}）"
                    ),
                    text!("Keep another mirror after it.", "请在其后保留其他镜像源。"),
                ),
                ProviderStatus::Ok | ProviderStatus::Limited => {}
            }
        }
    }
}
