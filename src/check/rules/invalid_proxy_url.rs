//! MS004 `invalid-proxy-url`
//!
//! ## What it does
//! Reports proxy URLs that are not `scheme://[user[:password]@]host[:port]`,
//! including credentials with unencoded reserved characters.
//!
//! ## Why is this bad?
//! Go retries a scheme-less proxy as http://, but curl, apt and others do
//! not; a password with `@`, `:` or `%` splits the URL at the wrong place
//! and the proxy rejects every request. The proxy is left out.
//!
//! ## Example
//! ```sh
//! HTTPS_PROXY=http://bob:p@ss@proxy.corp:3128
//! ```
//!
//! ## Use instead
//! ```sh
//! HTTPS_PROXY=http://bob:p%40ss@proxy.corp:3128
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS004",
    name: "invalid-proxy-url",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::ProxyUrl,
        Text::new("Proxy", "代理"),
        Text::new("Write it as http://host:port (or http://user:password@host:port with the password percent-encoded).", "请写成 http://主机:端口（或 http://用户:密码@主机:端口，密码需百分号编码）。"),
    );
}
