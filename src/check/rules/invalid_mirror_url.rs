//! MS002 `invalid-mirror-url`
//!
//! ## What it does
//! Reports mirror URLs that are not `http(s)://host[:port][/path]`.
//!
//! ## Why is this bad?
//! containerd assumes https for a URL without scheme, mis-parses a bare name
//! starting with "http", and a malformed hosts.toml is ignored silently: the
//! pull goes to the upstream and nobody notices. The mirror is left out.
//!
//! ## Example
//! ```toml
//! url = "docker.m.daocloud.io"
//! ```
//!
//! ## Use instead
//! ```toml
//! url = "https://docker.m.daocloud.io"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS002",
    name: "invalid-mirror-url",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::MirrorUrl,
        Text::new("Mirror URL", "镜像源地址"),
        Text::new("Write the full URL with its scheme, e.g. https://docker.m.daocloud.io or http://10.0.0.5:5000.", "请填写带协议的完整地址，例如 https://docker.m.daocloud.io 或 http://10.0.0.5:5000。"),
    );
}
