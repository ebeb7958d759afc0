//! k3s service environment files. `CONTAINERD_*` variables give the proxy to
//! k3s's embedded containerd only, not to the kubelet or the API server.

use super::environment::env_block;
use super::header::Context;
use super::{GeneratedFile, Install, Language};
use crate::text;

pub(crate) fn render(ctx: &Context) -> Vec<GeneratedFile> {
    let vars: Vec<(String, String)> = ctx
        .proxy_env()
        .iter()
        .map(|(k, v)| (["CONTAINERD_", k].concat(), v.clone()))
        .collect();
    if vars.is_empty() {
        return vec![];
    }
    ["k3s", "k3s-agent"]
        .into_iter()
        .map(|unit| {
            let header = ctx.hash_comment(
                &format!("{unit}.service"),
                &["Only one of k3s / k3s-agent exists on a node; the other file is unused."],
            );
            GeneratedFile {
                path: format!("/etc/systemd/system/{unit}.service.env"),
                mode: 0o600,
                content: env_block(&vars, &header),
                language: Language::Env,
                install: Install::Block {
                    restart: vec![unit],
                },
                about: text!(
                    "Proxy for the containerd embedded in {unit} (other lines kept)",
                    "{unit} 内置 containerd 的代理（保留文件中其他内容）"
                ),
            }
        })
        .collect()
}
