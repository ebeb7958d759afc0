//! MS005 `invalid-no-proxy-entry`
//!
//! ## What it does
//! Reports NO_PROXY entries Go would not understand: URLs, bad CIDRs,
//! bracketed IPv6 without a port, commas inside one entry.
//!
//! ## Why is this bad?
//! Go skips entries it cannot match without a word, so the host goes
//! through the proxy. The entry is left out.
//!
//! ## Example
//! ```sh
//! NO_PROXY=http://harbor.internal,10.0.0.0/33
//! ```
//!
//! ## Use instead
//! ```sh
//! NO_PROXY=harbor.internal,10.0.0.0/8
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS005",
    name: "invalid-no-proxy-entry",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::NoProxyEntry,
        Text::new("NO_PROXY entry", "NO_PROXY 条目"),
        Text::new("Use a domain (example.com, .example.com), an IP, a CIDR (10.0.0.0/8), optionally with :port.", "请使用域名（example.com、.example.com）、IP 或 CIDR（10.0.0.0/8），可带 :端口。"),
    );
    f.invalid(
        plan,
        InvalidKind::NoProxyPreset,
        Text::new("NO_PROXY preset", "NO_PROXY 预设"),
        Text::new("Pick one of the listed presets.", "请从列出的预设中选择。"),
    );
}
