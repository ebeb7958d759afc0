//! MS103 `config-replaces-existing`
//!
//! ## What it does
//! Notes that the minimal and full styles replace `/etc/containerd/config.toml`
//! (not when the node's own file is patched: see [`crate::check::CheckContext`]).
//!
//! ## Why is this bad?
//! Settings an installer or a colleague put there (cgroup driver, snapshotter,
//! runtimes) are lost. install.sh keeps a backup, but the node changes.
//!
//! ## Use instead
//! Import your config.toml and download the patched file, which changes only
//! the registry section.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS103",
    name: "config-replaces-existing",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if f.context().config_patched {
        return;
    }
    if let Some(c) = &plan.profile.containerd {
        let drop_in = c.config == ConfigStyle::DropIn && c.version >= ContainerdVersion::V2_2;
        if !drop_in {
            f.info(
                Field::ContainerdConfig,
                text!(
                    "config.toml is replaced as a whole (install.sh backs it up); other settings in your current file are not kept.",
                    "config.toml 会被整体替换（install.sh 会先备份）；当前文件中的其他设置不会保留。"
                ),
                text!(
                    "If the node already has a config.toml with its own settings, import it and use the patched file instead.",
                    "如果节点上已有包含其他设置的 config.toml，请导入它并改用打补丁后的文件。"
                ),
            );
        }
    }
}
