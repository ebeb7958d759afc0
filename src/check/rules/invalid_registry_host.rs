//! MS001 `invalid-registry-host`
//!
//! ## What it does
//! Reports registry names that are not a host[:port] or `_default`.
//!
//! ## Why is this bad?
//! The registry name is the hosts.toml directory containerd looks up from
//! the image reference. A URL, a path (`docker.io/library`, as in legacy
//! `mirrors` keys) or `*` never matches, so the mirror is silently unused.
//!
//! ## Example
//! ```toml
//! [[registry]]
//! host = "https://docker.io"
//! ```
//!
//! ## Use instead
//! ```toml
//! [[registry]]
//! host = "docker.io"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS001",
    name: "invalid-registry-host",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::RegistryHost,
        Text::new("Registry", "镜像仓库"),
        Text::new("Enter the registry's host as it appears in image names: docker.io, registry.k8s.io, harbor.example.com:8443, or _default.", "填写镜像名中出现的仓库主机名，例如 docker.io、registry.k8s.io、harbor.example.com:8443，或 _default。"),
    );
}
