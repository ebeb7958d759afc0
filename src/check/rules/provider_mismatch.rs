//! MS315 `provider-does-not-serve-registry`
//!
//! ## What it does
//! Reports a mirror whose provider, by the dated provider data, does not
//! mirror this registry (the Aliyun accelerator under registry.k8s.io,
//! DaoCloud's Docker Hub host under quay.io).
//!
//! ## Why is this bad?
//! Every request to it answers 404 (or worse, a different image of the same
//! name) and costs a round trip before the next host is tried. Blog recipes
//! copy one accelerator under every registry.
//!
//! ## Example
//! ```toml
//! [[registry]]
//! host = "registry.k8s.io"
//! [[registry.mirror]]
//! url = "https://xxx.mirror.aliyuncs.com"
//! ```
//!
//! ## Use instead
//! A mirror that serves registry.k8s.io (`https://k8s.m.daocloud.io`).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS315",
    name: "provider-does-not-serve-registry",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in plan.registries.iter().filter(|r| !r.host.is_default()) {
        let host = &r.name;
        for m in &r.mirrors {
            let url = &m.url_text;
            let Some(p) = m.known_provider else {
                continue;
            };
            // Host-style providers serve each registry on its own host.
            let serves = if p.hosts.is_empty() {
                p.supports(host)
            } else {
                p.mirror_hosts
                    .get(host.as_str())
                    .is_some_and(|h| *h == m.url.host)
            };
            if !serves {
                let name = &p.name;
                let name_zh = &p.name_zh;
                f.warning(
                    Field::mirror(r.index, m.index, MirrorField::Url),
                    text!(
                        "{url} ({name}) does not mirror {host}: each request answers 404 before the next host is tried.",
                        "{url}（{name_zh}）不提供 {host} 的镜像：每个请求都会先返回 404，再尝试下一个地址。"
                    ),
                    text!("Remove it, or use a mirror that serves {host}.", "请删除它，或改用提供 {host} 镜像的镜像源。"),
                );
            }
        }
    }
}
