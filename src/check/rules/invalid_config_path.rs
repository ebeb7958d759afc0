//! MS009 `invalid-config-path`
//!
//! ## What it does
//! Reports a hosts directory that is relative, contains `..`, or is a
//! `a:b` list.
//!
//! ## Why is this bad?
//! With the transfer service (default for CRI from containerd 2.1) a list
//! is read as one path (containerd#12415), so no hosts.toml is ever found.
//! The default directory is used instead.
//!
//! ## Example
//! ```toml
//! config_path = "/etc/containerd/certs.d:/etc/docker/certs.d"
//! ```
//!
//! ## Use instead
//! ```toml
//! config_path = "/etc/containerd/certs.d"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS009",
    name: "invalid-config-path",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::ConfigPath,
        Text::new("config_path", "config_path"),
        Text::new(
            "Use one absolute directory, normally /etc/containerd/certs.d.",
            "请使用一个绝对路径目录，通常为 /etc/containerd/certs.d。",
        ),
    );
}
