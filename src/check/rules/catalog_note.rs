//! MS207 `registry-note`
//!
//! ## What it does
//! Shows what the registry catalog knows about a registry (for example that
//! k8s.gcr.io is frozen).
//!
//! ## Why is this bad?
//! Mirroring a frozen registry does not bring new images.
//!
//! ## Use instead
//! Follow the note (registry.k8s.io for current Kubernetes images).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS207",
    name: "registry-note",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in plan.registries.iter().filter(|r| !r.host.is_default()) {
        if let Some(info) = catalog().registry(&r.name).filter(|i| !i.note.is_empty()) {
            f.info(
                Field::RegistryHost(r.index),
                Text::new(info.note.clone(), info.note_zh.clone()),
                Text::new(
                    format!("Catalog as of {}.", catalog().registries_as_of),
                    format!("目录数据日期：{}。", catalog().registries_as_of),
                ),
            );
        }
    }
}
