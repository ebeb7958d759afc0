//! MS003 `invalid-server-url`
//!
//! ## What it does
//! Reports an upstream `server` override that is not a valid URL.
//!
//! ## Why is this bad?
//! `server` is the last host containerd tries. A bad value makes the whole
//! file invalid, and containerd then silently ignores it. The catalog
//! default (or the registry itself) is used instead.
//!
//! ## Example
//! ```toml
//! server = "registry-1.docker.io"
//! ```
//!
//! ## Use instead
//! ```toml
//! server = "https://registry-1.docker.io"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS003",
    name: "invalid-server-url",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::Server,
        Text::new("Upstream server", "上游 server 地址"),
        Text::new(
            "Leave it empty to use the registry itself, or write its API URL with scheme.",
            "留空表示使用仓库本身，或填写带协议的 API 地址。",
        ),
    );
}
