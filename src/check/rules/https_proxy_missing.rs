//! MS402 `https-proxy-missing`
//!
//! ## What it does
//! Reports HTTP_PROXY set without HTTPS_PROXY.
//!
//! ## Why is this bad?
//! Go uses HTTPS_PROXY for https:// registries and never falls back to
//! HTTP_PROXY. Nearly every registry is https, so nothing is proxied.
//!
//! ## Use instead
//! Set HTTPS_PROXY (usually to the same `http://proxy:port`).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS402",
    name: "https-proxy-missing",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    if plan.proxy.http.is_some()
        && plan.proxy.https.is_none()
        && plan.profile.proxy.https.trim().is_empty()
    {
        f.warning(
            Field::ProxyHttps,
            text!(
                "Only HTTP_PROXY is set: https:// registries use HTTPS_PROXY only, so pulls from them are not proxied.",
                "只设置了 HTTP_PROXY：https:// 仓库只读取 HTTPS_PROXY，因此不会走代理。"
            ),
            text!("Set HTTPS_PROXY too, usually to the same http://proxy:port.", "请同时设置 HTTPS_PROXY，通常与 http://代理:端口 相同。"),
        );
    }
}
