//! MS314 `loopback-mirror-in-vm`
//!
//! ## What it does
//! Reports a mirror on 127.0.0.1/localhost in a colima profile.
//!
//! ## Why is this bad?
//! Inside colima's VM, 127.0.0.1 is the VM itself, not your workstation.
//!
//! ## Use instead
//! `host.lima.internal` (the host gateway, 192.168.5.2 by default).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS314",
    name: "loopback-mirror-in-vm",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if plan.profile.colima.is_none() {
        return;
    }
    for r in &plan.registries {
        for m in r.mirrors.iter().filter(|m| m.url.host.is_loopback()) {
            let u = &m.url_text;
            f.warning(
                Field::mirror(r.index, m.index, MirrorField::Url),
                text!(
                    "{u} points at the colima VM itself, not at your workstation.",
                    "{u} 指向 colima 虚拟机自身，而不是你的电脑。"
                ),
                text!(
                    "Use host.lima.internal instead of 127.0.0.1 for a mirror on the workstation.",
                    "如果镜像源运行在本机，请用 host.lima.internal 代替 127.0.0.1。"
                ),
            );
        }
    }
}
