//! MS313 `skip-verify`
//!
//! ## What it does
//! Reports `skip_verify = true`.
//!
//! ## Why is this bad?
//! Anyone on the path can serve any image for that host. A private CA given
//! as `ca` gives the same convenience safely.
//!
//! ## Use instead
//! ```toml
//! ca = "/etc/containerd/certs.d/harbor.internal/ca.crt"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS313",
    name: "skip-verify",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for m in r
            .mirrors
            .iter()
            .filter(|m| m.source.skip_verify && !m.url.is_http())
        {
            let u = &m.url_text;
            f.warning(
                Field::mirror(r.index, m.index, MirrorField::SkipVerify),
                text!(
                    "TLS verification is off for {u}: anyone in between can serve any image.",
                    "{u} 关闭了 TLS 校验：中间任何人都可以提供任意镜像。"
                ),
                text!(
                    "Give the mirror's CA certificate as ca instead.",
                    "请改为通过 ca 指定镜像源的 CA 证书。"
                ),
            );
        }
    }
}
