//! MS007 `invalid-dial-timeout`
//!
//! ## What it does
//! Reports a `dial_timeout` that is not a Go duration.
//!
//! ## Why is this bad?
//! containerd fails to parse the host and ignores the whole hosts.toml
//! silently. The timeout is left out.
//!
//! ## Example
//! ```toml
//! dial_timeout = "3"
//! ```
//!
//! ## Use instead
//! ```toml
//! dial_timeout = "3s"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS007",
    name: "invalid-dial-timeout",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::DialTimeout,
        Text::new("dial_timeout", "dial_timeout"),
        Text::new(
            "Use a Go duration: 3s, 500ms, 1m30s.",
            "请使用 Go 时长格式：3s、500ms、1m30s。",
        ),
    );
}
