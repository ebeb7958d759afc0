//! MS301 `tls-on-http-mirror`
//!
//! ## What it does
//! Reports `ca`, `client` or `skip_verify` on an `http://` mirror.
//!
//! ## Why is this bad?
//! containerd (>= 1.6.25, 1.7.7, 2.0) then tries the host over HTTPS first,
//! so a plain-http registry gets TLS handshakes it cannot answer. The TLS
//! fields are left out of the file.
//!
//! ## Example
//! ```toml
//! [host."http://10.0.0.5:5000"]
//! skip_verify = true
//! ```
//!
//! ## Use instead
//! ```toml
//! [host."http://10.0.0.5:5000"]
//! capabilities = ["pull", "resolve"]
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS301",
    name: "tls-on-http-mirror",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for m in r.mirrors.iter().filter(|m| m.url.is_http()) {
            let tls = m.source.skip_verify || !m.ca.is_empty() || !m.client.is_empty();
            if tls {
                let u = &m.url_text;
                f.error(
                    Field::mirror(r.index, m.index, MirrorField::SkipVerify),
                    text!(
                        "{u} is plain http but has TLS settings (ca, client or skip_verify): containerd would try HTTPS first. They are left out.",
                        "{u} 是纯 http 地址却带有 TLS 设置（ca、client 或 skip_verify）：containerd 会先尝试 HTTPS。这些设置已被忽略。"
                    ),
                    text!(
                        "Remove the TLS settings, or use https:// if the mirror speaks TLS.",
                        "请删除 TLS 设置；如果镜像源支持 TLS，请改用 https://。"
                    ),
                );
            }
        }
    }
}
