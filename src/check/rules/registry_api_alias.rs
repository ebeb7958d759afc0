//! MS202 `registry-api-alias`
//!
//! ## What it does
//! Reports a registry named by its API host (`registry-1.docker.io`,
//! `index.docker.io`) instead of the name in image references.
//!
//! ## Why is this bad?
//! containerd picks the directory from the image name: `nginx` is
//! `docker.io/library/nginx`, so a `registry-1.docker.io` directory is never
//! read and every pull silently goes upstream.
//!
//! ## Example
//! `/etc/containerd/certs.d/registry-1.docker.io/hosts.toml`
//!
//! ## Use instead
//! `/etc/containerd/certs.d/docker.io/hosts.toml`
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS202",
    name: "registry-api-alias",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        let host = &r.name;
        if let Some(info) = catalog().registry_by_alias(host) {
            let name = &info.host;
            f.error(
                Field::RegistryHost(r.index),
                text!(
                    "{host} is the API endpoint of {name}, not a registry name: images are named {name}/..., so this directory is never used.",
                    "{host} 是 {name} 的 API 地址，不是仓库名：镜像名写作 {name}/...，因此这个目录永远不会被使用。"
                ),
                text!("Use {name} as the registry.", "请把仓库名改为 {name}。"),
            );
        }
    }
}
