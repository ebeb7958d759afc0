//! MS407 `proxy-unused`
//!
//! ## What it does
//! Reports a proxy that no selected target would use.
//!
//! ## Why is this bad?
//! The proxy is a process environment: it applies only to the daemons and
//! shells it is written for. Here nothing reads it.
//!
//! ## Use instead
//! Select containerd, Docker, login shells, k3s or colima.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS407",
    name: "proxy-unused",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let p = plan.profile;
    let used = p.containerd.is_some()
        || p.docker.is_some()
        || p.colima.is_some()
        || p.host_environment
        || p.proxy.k3s;
    if plan.proxy.is_set() && !used {
        f.warning(
            Field::ProxyHttps,
            text!(
                "The proxy is set but no selected target uses it.",
                "设置了代理，但没有任何已选目标会使用它。"
            ),
            text!(
                "Select the daemons and shells that need it.",
                "请选择需要代理的服务和 shell。"
            ),
        );
    }
}
