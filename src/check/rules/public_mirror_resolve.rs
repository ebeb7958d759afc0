//! MS303 `public-mirror-resolves-tags`
//!
//! ## What it does
//! Notes that a public mirror with `resolve` decides which digest a tag means.
//!
//! ## Why is this bad?
//! containerd's documentation calls `resolve` on a mirror a trust decision:
//! a stale or hostile mirror can hand out an old or different image for
//! `nginx:1.27`. Digests are verified, tags are not.
//!
//! ## Use instead
//! Pin production images by digest (`image@sha256:...`).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS303",
    name: "public-mirror-resolves-tags",
    run,
};

/// One note per provider (a preset that covers twelve registries is one
/// trust decision), one per custom mirror.
fn run(plan: &Plan, f: &mut Findings) {
    let mut seen: Vec<&str> = Vec::new();
    for r in &plan.registries {
        for m in r
            .mirrors
            .iter()
            .filter(|m| !m.in_network && m.has(Capability::Resolve))
        {
            let provider = catalog()
                .provider(&m.source.provider)
                .filter(|p| p.id != "custom");
            let who = match provider {
                Some(p) if seen.contains(&p.id.as_str()) => continue,
                Some(p) => {
                    seen.push(&p.id);
                    p.name.as_str()
                }
                None => m.url_text.as_str(),
            };
            f.info(
                Field::mirror(r.index, m.index, MirrorField::Capabilities),
                // One note per custom mirror: joined, not formatted.
                Text::new(
                    [
                        who,
                        " resolves tags: you trust it to map tags to the right digests.",
                    ]
                    .concat(),
                    [who, " 会解析标签：这意味着你信任它把标签映射到正确的摘要。"].concat(),
                ),
                text!(
                    "Pin production images by digest (image@sha256:...); digests are always verified.",
                    "生产环境镜像请按摘要固定（image@sha256:...）；摘要总会被校验。"
                ),
            );
        }
    }
}
