//! MS305 `prefix-path-without-override`
//!
//! ## What it does
//! Reports a mirror URL with a path that containerd will append `/v2` to.
//!
//! ## Why is this bad?
//! A path gets `/v2` appended unless it ends in `/v2` or `override_path` is
//! set. `https://m.daocloud.io/docker.io` becomes
//! `/docker.io/v2/library/nginx/...`, which prefix-style mirrors and Harbor
//! projects do not serve; `.../v2/project` becomes `/v2/project/v2/...`.
//!
//! ## Example
//! ```toml
//! [host."https://harbor.example.com/v2/dockerhub"]
//! ```
//!
//! ## Use instead
//! ```toml
//! [host."https://harbor.example.com/v2/dockerhub"]
//! override_path = true
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS305",
    name: "prefix-path-without-override",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for m in &r.mirrors {
            let path = &m.url.path;
            if m.source.override_path || path.is_empty() || path.ends_with("/v2") {
                continue;
            }
            let root = m.api_root();
            let field = Field::mirror(r.index, m.index, MirrorField::OverridePath);
            if path.starts_with("/v2/") {
                f.error(
                    field,
                    text!(
                        "The path already starts with /v2 but override_path is off: containerd requests {root}/..., a /v2 inside a /v2.",
                        "路径已以 /v2 开头但未开启 override_path：containerd 会请求 {root}/...，出现两层 /v2。"
                    ),
                    text!("Turn override_path on.", "请开启 override_path。"),
                );
            } else {
                f.warning(
                    field,
                    text!(
                        "containerd will request {root}/<repo>/...: right for a registry served under that path (Nexus repository URLs), wrong for prefix-style mirrors.",
                        "containerd 会请求 {root}/<仓库>/...：对挂在该路径下的仓库（如 Nexus 仓库地址）是对的，对前缀式镜像源是错的。"
                    ),
                    text!(
                        "For a prefix-style mirror write https://host/v2/<prefix> and turn override_path on.",
                        "若是前缀式镜像源，请写成 https://主机/v2/<前缀> 并开启 override_path。"
                    ),
                );
            }
        }
    }
}
