//! MS312 `mirror-trailing-slash`
//!
//! ## What it does
//! Notes a mirror URL that ended in `/`, which Mirrorsmith drops.
//!
//! ## Why is this bad?
//! containerd appends `/v2` to the path as written: `https://m/` becomes
//! `https://m//v2`, which many registries answer with 404 or a redirect.
//!
//! ## Use instead
//! `https://m`.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS312",
    name: "mirror-trailing-slash",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for m in r.mirrors.iter().filter(|m| m.url.had_trailing_slash) {
            let u = &m.url_text;
            f.info(
                Field::mirror(r.index, m.index, MirrorField::Url),
                text!(
                    "The trailing / is dropped ({u}): containerd would otherwise request //v2.",
                    "末尾的 / 已去掉（{u}）：否则 containerd 会请求 //v2。"
                ),
                text!(
                    "Nothing to do; remove it in your notes too.",
                    "无需操作；建议在你的记录中也去掉。"
                ),
            );
        }
    }
}
