//! MS408 `no-proxy-everything`
//!
//! ## What it does
//! Reports `*` in NO_PROXY.
//!
//! ## Why is this bad?
//! `*` exempts every host: the proxy is never used.
//!
//! ## Use instead
//! List the hosts that must go direct.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS408",
    name: "no-proxy-everything",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if !plan.proxy.is_set() {
        return;
    }
    if let Some((_, src)) = plan
        .proxy
        .no_proxy
        .iter()
        .find(|(e, _)| *e == NoProxyEntry::All)
    {
        let field = match src {
            NoProxySource::User(i) => Field::NoProxy(*i),
            _ => Field::NoProxy(0),
        };
        f.warning(
            field,
            text!(
                "NO_PROXY contains *, so the proxy is never used.",
                "NO_PROXY 中包含 *，代理永远不会被使用。"
            ),
            text!(
                "Remove * and list only the hosts that must go direct.",
                "请删除 *，只列出需要直连的主机。"
            ),
        );
    }
}
