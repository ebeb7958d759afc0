//! Counts and the list of every finding; each one jumps to its field. The
//! counts follow every keystroke, the list once typing pauses.

use yew::prelude::*;

use super::settle::use_settled;
use super::use_ctx;
use crate::app::browser;
use crate::app::derived::field_id;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::check::{Finding, Severity, Summary};

#[derive(Properties, PartialEq)]
pub struct FindingsPanelProps {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

/// A severity as a word of the page's language.
pub fn severity(s: Severity) -> T {
    match s {
        Severity::Error => SEV_ERROR,
        Severity::Warning => SEV_WARNING,
        Severity::Info => SEV_INFO,
    }
}

#[function_component]
pub fn FindingsPanel(props: &FindingsPanelProps) -> Html {
    let ctx = use_ctx();
    let s = props.summary;
    let (findings, _) = use_settled(&props.findings);
    let item = |f: &Finding| {
        let id = field_id(&f.field);
        let registry = f.field.registry();
        let d = ctx.dispatch.clone();
        let onclick = Callback::from(move |_| {
            let id = id.clone();
            match registry {
                // A folded registry card unfolds first.
                Some(i) => {
                    d.dispatch(Action::SetCollapsed(i, false));
                    browser::after_render(move || browser::focus(&id));
                }
                None => browser::focus(&id),
            }
        });
        html! {
            <li class={classes!("finding", f.severity.label())}>
                <button type="button" class="link" {onclick} title={ctx.t(GO_TO_FIELD)}>
                    <span class="sev">{ ctx.t(severity(f.severity)) }</span>
                    <span class="code">{ f.code }</span>
                    <span class="msg">{ f.message.get(ctx.lang) }</span>
                </button>
                <span class="fix">{ format!("{}{}", ctx.t(FIX), f.fix.get(ctx.lang)) }</span>
            </li>
        }
    };
    let (serious, notes): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.severity != Severity::Info);
    html! {
        <section class={classes!("card", "findings", (s.errors > 0).then_some("has-errors"))} aria-labelledby="h-findings" id="findings">
            <h2 id="h-findings" tabindex="-1">
                { ctx.t(FINDINGS) }
                <span class="counts" aria-live="polite">
                    <span class="count error" id="count-errors">{ N_ERRORS.get(ctx.lang, s.errors) }</span>
                    <span class="count warning" id="count-warnings">{ N_WARNINGS.get(ctx.lang, s.warnings) }</span>
                    <span class="count info" id="count-infos">{ N_NOTES.get(ctx.lang, s.infos) }</span>
                </span>
            </h2>
            if findings.is_empty() {
                <p class="ok">{ ctx.t(ALL_GOOD) }</p>
            }
            <ul class="finding-list">{ for serious.into_iter().map(item) }</ul>
            if !notes.is_empty() {
                <details class="fold">
                    <summary>{ N_NOTES.get(ctx.lang, notes.len()) }</summary>
                    <ul class="finding-list">{ for notes.into_iter().map(item) }</ul>
                </details>
            }
        </section>
    }
}
