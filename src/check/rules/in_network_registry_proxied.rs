//! MS409 `in-network-registry-proxied`
//!
//! ## What it does
//! Reports a registry whose upstream looks in-network (a private or
//! link-local IP, a single-label name, or a name under `.local`,
//! `.internal`, `.lan`, `.corp`, `.home.arpa`, `.svc`, `.cluster.local`, ...)
//! but that Go's NO_PROXY rules would send through the proxy.
//!
//! ## Why is this bad?
//! containerd reaches the upstream through the proxy of its environment. A
//! corporate proxy usually cannot reach in-house registries, so pulls that
//! fall back to the upstream, and every push, time out. CIDRs in NO_PROXY
//! do not help a registry reached by name.
//!
//! ## Example
//! ```toml
//! [[registry]]
//! host = "registry.corp.internal:5000"
//! [proxy]
//! https = "http://proxy.corp:3128"
//! no_proxy = ["10.0.0.0/8"]
//! mirrors_bypass = false
//! ```
//!
//! ## Use instead
//! ```toml
//! no_proxy = ["10.0.0.0/8", "registry.corp.internal"]
//! # or leave mirrors_bypass on: in-network registries are added for you
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS409",
    name: "in-network-registry-proxied",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if !plan.proxy.is_set() {
        return;
    }
    let has_cidr = plan.proxy.entries().any(NoProxyEntry::is_cidr);
    for r in &plan.registries {
        let Some(url) = r.upstream_url() else {
            continue;
        };
        if !is_in_network_host(&url.host) || plan.proxy.proxy_for(url).is_none() {
            continue;
        }
        let h = url.host.to_string();
        let (why_en, why_zh) = if has_cidr && matches!(url.host, Host::Name(_)) {
            (
                " CIDR entries never match names.",
                "CIDR 条目永远不会匹配域名。",
            )
        } else {
            ("", "")
        };
        let field = if r.source.server.trim().is_empty() {
            Field::RegistryHost(r.index)
        } else {
            Field::RegistryServer(r.index)
        };
        f.warning(
            field,
            Text::new(
                format!("The in-network registry {h} would be reached through the proxy, which usually cannot reach it.{why_en}"),
                format!("内网镜像仓库 {h} 会经由代理访问，而代理通常无法访问它。{why_zh}"),
            ),
            text!(
                "Add {h} to NO_PROXY (or turn on adding in-network mirrors and registries automatically).",
                "请把 {h} 加入 NO_PROXY（或开启自动添加内网镜像源与仓库）。"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::run_rule;
    use crate::profile::{Profile, Registry};

    fn profile(hosts: &[&str], bypass: bool) -> Profile {
        let mut p = Profile {
            registries: hosts.iter().map(|h| Registry::new(*h)).collect(),
            ..Profile::default()
        };
        p.proxy.https = "http://proxy.corp:3128".into();
        p.proxy.http = "http://proxy.corp:3128".into();
        p.proxy.no_proxy = vec!["192.168.1.0/24".into()];
        p.proxy.mirrors_bypass = bypass;
        p
    }

    #[test]
    fn in_network_registries_through_the_proxy_are_reported() {
        let p = profile(
            &[
                "registry.corp.internal:5000",
                "harbor",
                "10.1.2.3:5000",
                "192.168.1.5",
                "docker.io",
                "ghcr.io",
                "localhost:5000",
            ],
            false,
        );
        let found = run_rule(&Plan::new(&p), &RULE);
        let fields: Vec<Field> = found.iter().map(|f| f.field).collect();
        // 192.168.1.5 is in a NO_PROXY CIDR; public and loopback ones never count.
        assert_eq!(
            fields,
            [
                Field::RegistryHost(0),
                Field::RegistryHost(1),
                Field::RegistryHost(2)
            ]
        );
        assert!(found[0]
            .message
            .en
            .contains("CIDR entries never match names"));
        assert!(!found[2].message.en.contains("CIDR"));
    }

    #[test]
    fn mirrors_bypass_adds_them_to_no_proxy() {
        let p = profile(
            &["registry.corp.internal:5000", "10.1.2.3:5000", "docker.io"],
            true,
        );
        let plan = Plan::new(&p);
        assert!(run_rule(&plan, &RULE).is_empty());
        assert_eq!(
            plan.proxy.no_proxy_value(),
            "192.168.1.0/24,registry.corp.internal,10.1.2.3"
        );
        assert!(plan
            .proxy
            .no_proxy
            .iter()
            .any(|(_, s)| *s == NoProxySource::Registry { registry: 0 }));
    }

    #[test]
    fn a_server_in_the_network_counts_and_is_pointed_at() {
        let mut p = profile(&["registry.example.com"], false);
        p.registries[0].server = "https://10.9.8.7:8443".into();
        let found = run_rule(&Plan::new(&p), &RULE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, Field::RegistryServer(0));
    }
}
