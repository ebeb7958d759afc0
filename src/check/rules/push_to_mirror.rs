//! MS311 `push-to-public-mirror`
//!
//! ## What it does
//! Reports `push` on a mirror outside your network.
//!
//! ## Why is this bad?
//! `docker push`/`nerdctl push` to that registry would go to the mirror,
//! which either refuses it or keeps your image. Blog recipes often copy
//! `["pull", "resolve", "push"]` for public mirrors.
//!
//! ## Use instead
//! `["pull", "resolve"]`.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS311",
    name: "push-to-public-mirror",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for m in r
            .mirrors
            .iter()
            .filter(|m| !m.in_network && m.source.capabilities.contains(&Capability::Push))
        {
            let u = &m.url_text;
            f.warning(
                Field::mirror(r.index, m.index, MirrorField::Capabilities),
                text!(
                    "Pushes to this registry would go to the public mirror {u}.",
                    "推送到该仓库的镜像会被发往公共镜像源 {u}。"
                ),
                text!("Untick push.", "请取消勾选 push。"),
            );
        }
    }
}
