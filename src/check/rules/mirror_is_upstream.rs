//! MS307 `mirror-is-upstream`
//!
//! ## What it does
//! Reports a mirror that is the registry's own upstream.
//!
//! ## Why is this bad?
//! Hosts are tried in order and the upstream is already the last one. Listed
//! first (as in many legacy `endpoint` lists), every pull waits for the
//! upstream to time out (30 s per request behind a firewall) before any real
//! mirror is asked.
//!
//! ## Example
//! ```toml
//! endpoint = ["https://registry-1.docker.io", "https://xxx.mirror.aliyuncs.com"]
//! ```
//!
//! ## Use instead
//! The mirrors only; the upstream stays as `server`.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS307",
    name: "mirror-is-upstream",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        let upstream_host = r.server.as_ref().map(|u| &u.host).or(match &r.host {
            RegistryHost::Host { host, .. } => Some(host),
            RegistryHost::Default => None,
        });
        let Some(up) = upstream_host else { continue };
        for (pos, m) in r.mirrors.iter().enumerate() {
            let tls_only = !m.ca.is_empty() || !m.client.is_empty() || m.source.skip_verify;
            if m.url.host != *up || tls_only {
                continue;
            }
            let u = &m.url_text;
            let later = r.mirrors.len() - pos - 1;
            let (en, zh) = if later > 0 {
                (
                    format!("{u} is the upstream itself, listed before {later} mirror(s): every pull waits for it to fail first."),
                    format!("{u} 就是上游本身，却排在 {later} 个镜像源之前：每次拉取都要先等它失败。"),
                )
            } else {
                (
                    format!("{u} is the upstream itself; it is already tried last as server."),
                    format!("{u} 就是上游本身；它已经作为 server 最后尝试。"),
                )
            };
            f.warning(
                Field::mirror(r.index, m.index, MirrorField::Url),
                Text::new(en, zh),
                text!(
                    "Remove it from the mirrors: the upstream is the fallback (server) already.",
                    "请从镜像源中删除它：上游已经作为回退（server）存在。"
                ),
            );
        }
    }
}
