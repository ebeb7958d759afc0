//! MS302 `mirror-without-resolve`
//!
//! ## What it does
//! Reports mirrors that may pull but not resolve.
//!
//! ## Why is this bad?
//! containerd resolves a tag only through hosts with BOTH `pull` and
//! `resolve`. With `pull` alone, `image:tag` is resolved by the upstream;
//! behind a firewall that fails, and the mirror is never used.
//!
//! ## Example
//! ```toml
//! capabilities = ["pull"]
//! ```
//!
//! ## Use instead
//! ```toml
//! capabilities = ["pull", "resolve"]
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS302",
    name: "mirror-without-resolve",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        let any_resolver = r
            .mirrors
            .iter()
            .any(|m| m.has(Capability::Pull) && m.has(Capability::Resolve));
        for m in r
            .mirrors
            .iter()
            .filter(|m| m.has(Capability::Pull) && !m.has(Capability::Resolve))
        {
            let u = &m.url_text;
            let sev = if any_resolver || plan.proxy.is_set() {
                Severity::Info
            } else {
                Severity::Warning
            };
            f.push(
                sev,
                Field::mirror(r.index, m.index, MirrorField::Capabilities),
                text!(
                    "{u} has pull without resolve: tags (image:tag) are resolved elsewhere; behind a firewall with no other resolver, tag pulls fail.",
                    "{u} 只有 pull 没有 resolve：标签（image:tag）由其他地址解析；在防火墙后若没有其他可解析的地址，按标签拉取会失败。"
                ),
                text!(
                    "Add resolve if you trust the mirror to map tags to digests, or pull by digest.",
                    "如果信任该镜像源将标签映射到摘要，请加上 resolve；否则请按摘要拉取。"
                ),
            );
        }
    }
}
