//! MS304 `override-path-without-path`
//!
//! ## What it does
//! Reports `override_path = true` on a URL without a path.
//!
//! ## Why is this bad?
//! The path is then the API root and it is empty: containerd requests
//! `/<repo>/manifests/...` with no `/v2` at all (observed on 1.6, 1.7, 2.1).
//!
//! ## Example
//! ```toml
//! [host."https://harbor.example.com"]
//! override_path = true
//! ```
//!
//! ## Use instead
//! ```toml
//! [host."https://harbor.example.com/v2/dockerhub-proxy"]
//! override_path = true
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS304",
    name: "override-path-without-path",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for m in r
            .mirrors
            .iter()
            .filter(|m| m.source.override_path && m.url.path.is_empty())
        {
            let u = &m.url_text;
            f.error(
                Field::mirror(r.index, m.index, MirrorField::OverridePath),
                text!(
                    "{u} has override_path but no path: requests would go to /<repo>/manifests/... without /v2.",
                    "{u} 设置了 override_path 却没有路径：请求会发往 /<仓库>/manifests/...，缺少 /v2。"
                ),
                text!(
                    "Turn override_path off, or give the full API path (https://host/v2/<project>).",
                    "请关闭 override_path，或填写完整的 API 路径（https://主机/v2/<项目>）。"
                ),
            );
        }
    }
}
