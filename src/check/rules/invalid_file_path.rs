//! MS008 `invalid-file-path`
//!
//! ## What it does
//! Reports empty `ca` / `client` paths and paths with control characters.
//!
//! ## Why is this bad?
//! containerd cannot load the file and the TLS setting silently does not
//! apply. The path is left out.
//!
//! ## Example
//! ```toml
//! ca = ""
//! ```
//!
//! ## Use instead
//! ```toml
//! ca = "/etc/containerd/certs.d/harbor.internal/ca.crt"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS008",
    name: "invalid-file-path",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::FilePath,
        Text::new("Certificate path", "证书路径"),
        Text::new(
            "Give the file path (absolute, or relative to the hosts.toml directory).",
            "请填写文件路径（绝对路径，或相对于 hosts.toml 所在目录）。",
        ),
    );
}
