//! MS405 `blob-hosts-bypass-proxy`
//!
//! ## What it does
//! Reports NO_PROXY entries that exempt the hosts an upstream redirects
//! blob downloads to (Docker Hub: `production.cloudflare.docker.com`).
//!
//! ## Why is this bad?
//! The manifest comes through the proxy, then each layer download is
//! redirected to a CDN host that NO_PROXY sends direct - and it times out
//! behind a firewall (the "httpReadSeeker: failed open" errors in blog posts).
//!
//! ## Use instead
//! Keep CDN hosts out of NO_PROXY.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS405",
    name: "blob-hosts-bypass-proxy",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if plan.proxy.https.is_none() {
        return;
    }
    for r in plan.registries.iter().filter(|r| r.source.fallback) {
        let Some(info) = catalog().registry(&r.name) else {
            continue;
        };
        for (blob, url) in &info.download_urls {
            if plan.proxy.proxy_for(url).is_none() {
                let reg = &info.host;
                f.warning(
                    Field::NoProxy(0),
                    text!(
                        "NO_PROXY exempts {blob}, where {reg} redirects downloads: layers would be fetched directly and time out behind a firewall.",
                        "NO_PROXY 排除了 {blob}，而 {reg} 会把下载重定向到这里：镜像层会直连下载，在防火墙后会超时。"
                    ),
                    text!("Remove the entry that matches {blob}.", "请删除匹配 {blob} 的条目。"),
                );
                break;
            }
        }
    }
}
