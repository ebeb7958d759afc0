//! Checks: a profile in, findings out. One rule per file under `rules/`,
//! each with a stable code, documented like ruff's rules, and a message and
//! fix in English and Simplified Chinese. Findings point at a [`Field`].

mod rules;

use serde::Serialize;

use crate::i18n::Text;
use crate::plan::{Field, Invalid, InvalidKind, Plan};
use crate::profile::Profile;

pub use rules::RULES;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `MS301`.
    pub code: &'static str,
    pub severity: Severity,
    pub field: Field,
    pub message: Text,
    pub fix: Text,
}

/// A check: its code, a kebab-case name, and the function that runs it.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub run: fn(&Plan, &mut Findings),
}

/// What the checks know beyond the plan: how its files are delivered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckContext {
    /// config.toml is the node's own file, patched (`render --patch`, an
    /// imported file in the app), not replaced as a whole.
    pub config_patched: bool,
}

/// Collects findings for one rule, and tells it the [`CheckContext`].
pub struct Findings<'r> {
    code: &'static str,
    out: &'r mut Vec<Finding>,
    context: CheckContext,
}

impl Findings<'_> {
    pub fn context(&self) -> CheckContext {
        self.context
    }

    pub fn push(&mut self, severity: Severity, field: Field, message: Text, fix: Text) {
        self.out.push(Finding {
            code: self.code,
            severity,
            field,
            message,
            fix,
        });
    }

    pub fn error(&mut self, field: Field, message: Text, fix: Text) {
        self.push(Severity::Error, field, message, fix)
    }

    pub fn warning(&mut self, field: Field, message: Text, fix: Text) {
        self.push(Severity::Warning, field, message, fix)
    }

    pub fn info(&mut self, field: Field, message: Text, fix: Text) {
        self.push(Severity::Info, field, message, fix)
    }

    /// Reports every value of `kind` the plan could not parse.
    pub fn invalid(&mut self, plan: &Plan, kind: InvalidKind, what: Text, fix: Text) {
        for Invalid {
            field,
            value,
            reason,
            ..
        } in plan.invalid.iter().filter(|i| i.kind == kind)
        {
            let shown: String = value
                .chars()
                .take(80)
                .flat_map(char::escape_default)
                .collect();
            self.error(
                *field,
                Text::new(
                    format!("{} \"{shown}\" {}.", what.en, reason.en),
                    format!("{}“{shown}”{}。", what.zh, reason.zh),
                ),
                fix.clone(),
            );
        }
    }
}

/// Runs every rule. Findings come errors first, then warnings, then info,
/// each in rule order.
pub fn check_plan(plan: &Plan) -> Vec<Finding> {
    check_plan_in(plan, CheckContext::default())
}

/// [`check_plan`] for files delivered as `context` says.
pub fn check_plan_in(plan: &Plan, context: CheckContext) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in RULES {
        let mut f = Findings {
            code: rule.code,
            out: &mut out,
            context,
        };
        (rule.run)(plan, &mut f);
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// Runs one rule (tests and benchmarks look at rules one by one).
pub fn run_rule(plan: &Plan, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    (rule.run)(
        plan,
        &mut Findings {
            code: rule.code,
            out: &mut out,
            context: CheckContext::default(),
        },
    );
    out
}

pub fn check(profile: &Profile) -> Vec<Finding> {
    check_plan(&Plan::new(profile))
}

/// Counts per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate rule code");
        for r in RULES {
            assert!(r.code.starts_with("MS") && r.code.len() == 5, "{}", r.code);
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}",
                r.name
            );
        }
    }
}
