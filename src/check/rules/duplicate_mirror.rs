//! MS306 `duplicate-mirror`
//!
//! ## What it does
//! Reports a mirror listed twice for the same registry.
//!
//! ## Why is this bad?
//! A TOML table cannot appear twice; the second entry is dropped.
//!
//! ## Use instead
//! One entry per mirror URL.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS306",
    name: "duplicate-mirror",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for &i in &r.duplicate_mirrors {
            let url = r.source.mirrors[i].url.trim();
            f.warning(
                Field::mirror(r.index, i, MirrorField::Url),
                text!(
                    "{url} is listed twice; this entry is dropped.",
                    "{url} 重复出现；此项被忽略。"
                ),
                text!("Remove the repeated mirror.", "请删除重复的镜像源。"),
            );
        }
    }
}
