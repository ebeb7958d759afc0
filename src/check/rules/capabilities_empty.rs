//! MS310 `capabilities-empty`
//!
//! ## What it does
//! Reports a mirror with no capability ticked.
//!
//! ## Why is this bad?
//! To containerd an empty list means ALL capabilities, push included: the
//! opposite of what an empty selection suggests. Mirrorsmith writes the
//! explicit list `["pull", "resolve", "push"]` so the file says what it does.
//!
//! ## Use instead
//! Tick pull and resolve.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS310",
    name: "capabilities-empty",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        for m in r
            .mirrors
            .iter()
            .filter(|m| m.source.capabilities.is_empty())
        {
            f.warning(
                Field::mirror(r.index, m.index, MirrorField::Capabilities),
                text!(
                    "No capability is selected, which containerd reads as all of them, push included.",
                    "未选择任何能力，containerd 会把它当作全部能力（包括 push）。"
                ),
                text!("Select pull and resolve.", "请勾选 pull 和 resolve。"),
            );
        }
    }
}
