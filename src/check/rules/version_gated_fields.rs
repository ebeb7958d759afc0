//! MS309 `field-needs-newer-containerd`
//!
//! ## What it does
//! Reports hosts.toml fields the chosen containerd does not read:
//! `dial_timeout` before 2.0.7 / 2.1, the `referrers` capability before 2.2.
//!
//! ## Why is this bad?
//! An unknown capability makes containerd reject the whole file (and pull
//! from the upstream, silently); an unknown key is ignored. Both are left
//! out for older releases.
//!
//! ## Use instead
//! Select the containerd version the node runs.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS309",
    name: "field-needs-newer-containerd",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let Some(c) = &plan.profile.containerd else {
        return;
    };
    let v = c.version.label();
    for r in &plan.registries {
        for m in &r.mirrors {
            if m.dial_timeout.is_some() {
                if !c.version.reads_dial_timeout() {
                    f.warning(
                        Field::mirror(r.index, m.index, MirrorField::DialTimeout),
                        text!(
                            "containerd {v} does not read dial_timeout (2.0.7 / 2.1 and later do): it is left out.",
                            "containerd {v} 不读取 dial_timeout（2.0.7 / 2.1 起才支持）：已省略。"
                        ),
                        text!("Upgrade containerd, or accept the default 30s connect timeout.", "请升级 containerd，或接受默认 30 秒的连接超时。"),
                    );
                } else if c.version == ContainerdVersion::V2_0 {
                    f.info(
                        Field::mirror(r.index, m.index, MirrorField::DialTimeout),
                        text!(
                            "dial_timeout needs containerd 2.0.7 or later.",
                            "dial_timeout 需要 containerd 2.0.7 或更高版本。"
                        ),
                        text!(
                            "Check with containerd --version.",
                            "请用 containerd --version 确认版本。"
                        ),
                    );
                }
            }
            if m.source.capabilities.contains(&Capability::Referrers)
                && !c.version.knows_referrers()
            {
                f.warning(
                    Field::mirror(r.index, m.index, MirrorField::Capabilities),
                    text!(
                        "containerd {v} does not know the referrers capability and would reject the whole file: it is left out.",
                        "containerd {v} 不认识 referrers 能力，会拒绝整个文件：已省略。"
                    ),
                    text!("Use referrers with containerd 2.2 or later only.", "只在 containerd 2.2 及以上使用 referrers。"),
                );
            }
        }
    }
}
