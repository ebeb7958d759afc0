//! MS203 `server-is-docker-website`
//!
//! ## What it does
//! Reports `server = "https://docker.io"` (or a mirror with that URL).
//!
//! ## Why is this bad?
//! `docker.io/v2` redirects to the website, so that fallback never works.
//! containerd rewrites only an EMPTY server to `registry-1.docker.io`. Many
//! blog recipes copy this line.
//!
//! ## Example
//! ```toml
//! server = "https://docker.io"
//! ```
//!
//! ## Use instead
//! ```toml
//! server = "https://registry-1.docker.io"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS203",
    name: "server-is-docker-website",
    run,
};

fn is_website(u: &Url) -> bool {
    matches!(&u.host, Host::Name(n) if n == "docker.io" || n == "www.docker.io")
}

fn run(plan: &Plan, f: &mut Findings) {
    let fix = || {
        text!(
            "Use https://registry-1.docker.io, or leave the server empty.",
            "请使用 https://registry-1.docker.io，或留空 server。"
        )
    };
    for r in &plan.registries {
        if r.source.server.trim().is_empty() {
            // The catalog's own upstream is right by construction.
        } else if r.server.as_ref().is_some_and(is_website) {
            f.error(
                Field::RegistryServer(r.index),
                text!(
                    "server = https://docker.io does not work: docker.io/v2 redirects to the website. Only an empty server becomes registry-1.docker.io.",
                    "server = https://docker.io 无效：docker.io/v2 会跳转到官网。只有留空的 server 才会被替换为 registry-1.docker.io。"
                ),
                fix(),
            );
        }
        for m in r.mirrors.iter().filter(|m| is_website(&m.url)) {
            f.error(
                Field::mirror(r.index, m.index, MirrorField::Url),
                text!(
                    "https://docker.io is the Docker website, not a registry API: this host always fails.",
                    "https://docker.io 是 Docker 官网，不是仓库 API：这个地址总会失败。"
                ),
                fix(),
            );
        }
    }
}
