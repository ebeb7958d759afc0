//! MS006 `invalid-header`
//!
//! ## What it does
//! Reports mirror headers with an invalid name, a control character in the
//! value, or a name given twice.
//!
//! ## Why is this bad?
//! Such a header breaks the HTTP request or the TOML file. It is left out.
//!
//! ## Example
//! ```toml
//! [host."https://m".header]
//! "X Registry" = "a"
//! ```
//!
//! ## Use instead
//! ```toml
//! [host."https://m".header]
//! X-Registry = "a"
//! ```
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS006",
    name: "invalid-header",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    f.invalid(
        plan,
        InvalidKind::Header,
        Text::new("Header", "请求头"),
        Text::new(
            "Header names are HTTP tokens (letters, digits, -); values are one line.",
            "请求头名称只能是 HTTP token（字母、数字、- 等）；值必须是单行。",
        ),
    );
}
