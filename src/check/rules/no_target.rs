//! MS101 `no-target`
//!
//! ## What it does
//! Reports a profile with no target: no containerd, Docker, colima, login
//! shells or k3s.
//!
//! ## Why is this bad?
//! Nothing would be generated.
//!
//! ## Use instead
//! Pick at least one target, usually containerd with its version.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS101",
    name: "no-target",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let p = plan.profile;
    if p.containerd.is_none()
        && p.docker.is_none()
        && p.colima.is_none()
        && !p.host_environment
        && !p.proxy.k3s
    {
        f.error(
            Field::Profile,
            text!(
                "No target is selected, so no file is generated.",
                "没有选择任何目标，因此不会生成文件。"
            ),
            text!(
                "Select containerd (with its version), Docker Engine, colima or login shells.",
                "请选择 containerd（及其版本）、Docker Engine、colima 或登录 shell。"
            ),
        );
    }
}
