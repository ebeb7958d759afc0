//! Counts and the list of every finding; each one jumps to its field.

use yew::prelude::*;

use super::use_ctx;
use crate::app::browser;
use crate::app::derived::field_id;
use crate::app::strings::*;
use crate::check::{Finding, Severity, Summary};

#[derive(Properties, PartialEq)]
pub struct FindingsPanelProps {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

#[function_component]
pub fn FindingsPanel(props: &FindingsPanelProps) -> Html {
    let ctx = use_ctx();
    let s = props.summary;
    let item = |f: &Finding| {
        let id = field_id(&f.field);
        let onclick = Callback::from(move |_| browser::focus(&id));
        html! {
            <li class={classes!("finding", f.severity.label())}>
                <button type="button" class="link" {onclick} title={ctx.t(GO_TO_FIELD)}>
                    <span class="sev">{ f.severity.label() }</span>
                    <span class="code">{ f.code }</span>
                    <span class="msg">{ f.message.get(ctx.lang) }</span>
                </button>
                <span class="fix">{ format!("{}: {}", ctx.t(FIX), f.fix.get(ctx.lang)) }</span>
            </li>
        }
    };
    let (serious, notes): (Vec<&Finding>, Vec<&Finding>) = props
        .findings
        .iter()
        .partition(|f| f.severity != Severity::Info);
    html! {
        <section class={classes!("card", "findings", (s.errors > 0).then_some("has-errors"))} aria-labelledby="h-findings" id="findings">
            <h2 id="h-findings">
                { ctx.t(FINDINGS) }
                <span class="counts" aria-live="polite">
                    <span class="count error" id="count-errors">{ format!("{} {}", s.errors, ctx.t(ERRORS)) }</span>
                    <span class="count warning" id="count-warnings">{ format!("{} {}", s.warnings, ctx.t(WARNINGS)) }</span>
                    <span class="count info" id="count-infos">{ format!("{} {}", s.infos, ctx.t(NOTES)) }</span>
                </span>
            </h2>
            if props.findings.is_empty() {
                <p class="ok">{ ctx.t(ALL_GOOD) }</p>
            }
            <ul class="finding-list">{ for serious.into_iter().map(item) }</ul>
            if !notes.is_empty() {
                <details class="fold">
                    <summary>{ format!("{} {}", notes.len(), ctx.t(NOTES)) }</summary>
                    <ul class="finding-list">{ for notes.into_iter().map(item) }</ul>
                </details>
            }
        </section>
    }
}
