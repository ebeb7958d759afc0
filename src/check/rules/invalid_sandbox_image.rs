//! MS010 `invalid-sandbox-image`
//!
//! ## What it does
//! Reports a sandbox image that is not an image reference.
//!
//! ## Why is this bad?
//! Every pod start fails while the pause image cannot be pulled. The
//! containerd default is kept instead.
//!
//! ## Example
//! ```toml
//! sandbox_image = "https://registry.k8s.io/pause:3.10"
//! ```
//!
//! ## Use instead
//! ```toml
//! sandbox_image = "registry.k8s.io/pause:3.10"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS010",
    name: "invalid-sandbox-image",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::SandboxImage,
        Text::new("Sandbox (pause) image", "沙箱（pause）镜像"),
        Text::new(
            "Give an image reference such as registry.k8s.io/pause:3.10.",
            "请填写镜像引用，例如 registry.k8s.io/pause:3.10。",
        ),
    );
}
