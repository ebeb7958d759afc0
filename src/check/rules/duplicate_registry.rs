//! MS201 `duplicate-registry`
//!
//! ## What it does
//! Reports a registry listed twice.
//!
//! ## Why is this bad?
//! Both would write the same hosts.toml; only the first one is used.
//!
//! ## Use instead
//! One entry per registry, with all its mirrors in order.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS201",
    name: "duplicate-registry",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for &(i, first) in &plan.duplicate_registries {
        let host = plan.profile.registries[i].host.trim();
        let n = first + 1;
        f.error(
            Field::RegistryHost(i),
            text!(
                "{host} is listed twice; this entry is ignored (the one at position {n} is used).",
                "{host} 重复出现；此项被忽略（使用第 {n} 项）。"
            ),
            text!(
                "Merge the mirrors into one entry and remove this one.",
                "请把镜像源合并到一项中，并删除此项。"
            ),
        );
    }
}
