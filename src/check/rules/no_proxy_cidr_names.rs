//! MS403 `no-proxy-cidr-vs-names`
//!
//! ## What it does
//! Reports in-network mirrors reached by name that NO_PROXY does not
//! exempt, when NO_PROXY has CIDRs; and notes that non-Go tools may ignore
//! CIDRs altogether.
//!
//! ## Why is this bad?
//! Go matches a CIDR only against hosts written as IP literals, never
//! against a name that resolves into it: `10.0.0.0/8` does not stop
//! `harbor.internal` (10.1.2.3) from going through the proxy, which usually
//! cannot reach it.
//!
//! ## Use instead
//! Add the name (`harbor.internal` or `.internal`) next to the CIDR.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS403",
    name: "no-proxy-cidr-vs-names",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if !plan.proxy.is_set() {
        return;
    }
    let has_cidr = plan.proxy.no_proxy.iter().any(|(e, _)| e.is_cidr());
    for r in &plan.registries {
        for m in r
            .mirrors
            .iter()
            .filter(|m| m.in_network && matches!(m.url.host, Host::Name(_)))
        {
            if plan.proxy.proxy_for(&m.url).is_some() {
                let h = m.url.host.to_string();
                let why_en = if has_cidr {
                    " CIDR entries never match names."
                } else {
                    ""
                };
                let why_zh = if has_cidr {
                    "CIDR 条目永远不会匹配域名。"
                } else {
                    ""
                };
                f.warning(
                    Field::mirror(r.index, m.index, MirrorField::Url),
                    Text::new(
                        format!(
                            "The in-network mirror {h} would be reached through the proxy.{why_en}"
                        ),
                        format!("内网镜像源 {h} 会经由代理访问。{why_zh}"),
                    ),
                    text!(
                        "Add {h} to NO_PROXY (or turn on adding mirrors automatically).",
                        "请把 {h} 加入 NO_PROXY（或开启自动添加镜像源）。"
                    ),
                );
            }
        }
    }
    if has_cidr && plan.profile.host_environment {
        f.info(
            Field::NoProxy(0),
            text!(
                "CIDRs in NO_PROXY work for Go programs; many other tools (older curl, wget, Python requests) ignore them.",
                "NO_PROXY 中的 CIDR 对 Go 程序有效；许多其他工具（旧版 curl、wget、Python requests）会忽略它们。"
            ),
            text!("List important hosts by name as well.", "重要的主机请同时按名称列出。"),
        );
    }
}
