//! MS401 `proxy-https-scheme`
//!
//! ## What it does
//! Reports a proxy URL starting with `https://`.
//!
//! ## Why is this bad?
//! `https://` means "speak TLS to the proxy itself". Almost every corporate
//! proxy listens for plain HTTP and tunnels HTTPS with CONNECT, so the value
//! of HTTPS_PROXY is normally `http://proxy:port` too.
//!
//! ## Example
//! ```sh
//! HTTPS_PROXY=https://proxy.corp:3128
//! ```
//!
//! ## Use instead
//! ```sh
//! HTTPS_PROXY=http://proxy.corp:3128
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS401",
    name: "proxy-https-scheme",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for (url, field) in [
        (&plan.proxy.http, Field::ProxyHttp),
        (&plan.proxy.https, Field::ProxyHttps),
    ] {
        if url.as_ref().is_some_and(|u| u.scheme == "https") {
            f.warning(
                field,
                text!(
                    "https:// makes clients speak TLS to the proxy; most proxies expect plain http:// and tunnel HTTPS themselves.",
                    "https:// 表示客户端要与代理本身建立 TLS；大多数代理只接受 http://，并自行转发 HTTPS。"
                ),
                text!("Use http:// unless your proxy really terminates TLS.", "除非代理确实提供 TLS，否则请使用 http://。"),
            );
        }
    }
}
