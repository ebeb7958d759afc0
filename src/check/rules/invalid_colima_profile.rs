//! MS011 `invalid-colima-profile`
//!
//! ## What it does
//! Reports a colima profile name that cannot be a directory name.
//!
//! ## Why is this bad?
//! colima keeps each profile in `~/.colima/<name>/`. `default` is used instead.
//!
//! ## Example
//! ```toml
//! profile = "../work"
//! ```
//!
//! ## Use instead
//! ```toml
//! profile = "work"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS011",
    name: "invalid-colima-profile",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::ColimaProfile,
        Text::new("colima profile", "colima 配置名"),
        Text::new(
            "Use the name given to colima start -p, e.g. default.",
            "请使用 colima start -p 时的名称，例如 default。",
        ),
    );
}
