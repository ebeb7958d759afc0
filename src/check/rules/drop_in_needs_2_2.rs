//! MS102 `drop-in-needs-2-2`
//!
//! ## What it does
//! Reports the drop-in config style for containerd older than 2.2.
//!
//! ## Why is this bad?
//! Only the default config of containerd 2.2+ has
//! `imports = ["/etc/containerd/conf.d/*.toml"]`; older releases never read
//! a file in conf.d, so the hosts directory would not be configured.
//! A minimal config.toml is generated instead.
//!
//! ## Use instead
//! The minimal style, or the drop-in with containerd 2.2+.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS102",
    name: "drop-in-needs-2-2",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if let Some(c) = &plan.profile.containerd {
        if c.config == ConfigStyle::DropIn && c.version < ContainerdVersion::V2_2 {
            let v = c.version.label();
            f.warning(
                Field::ContainerdConfig,
                text!(
                    "containerd {v} does not import /etc/containerd/conf.d (only the 2.2+ default config does): a minimal config.toml is generated instead.",
                    "containerd {v} 不会导入 /etc/containerd/conf.d（只有 2.2+ 的默认配置才会）：改为生成精简的 config.toml。"
                ),
                text!("Choose the minimal or full style, or containerd 2.2+.", "请选择精简或完整样式，或选择 containerd 2.2+。"),
            );
        }
    }
}
