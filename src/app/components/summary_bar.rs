//! On narrow screens, where the checks and the files come after the whole
//! form: a compact bar that stays at the top with the counts and jumps to
//! the checks and to the output. Hidden on wide screens (CSS).

use yew::prelude::*;

use super::use_ctx;
use crate::app::browser;
use crate::app::strings::*;
use crate::check::Summary;

#[derive(Properties, PartialEq)]
pub struct SummaryBarProps {
    pub summary: Summary,
}

#[function_component]
pub fn SummaryBar(props: &SummaryBarProps) -> Html {
    let ctx = use_ctx();
    let s = props.summary;
    let jump = |section: &'static str, heading: &'static str| {
        Callback::from(move |_: MouseEvent| browser::jump(section, heading))
    };
    html! {
        <nav class="summary-bar" id="summary-bar" aria-label={ctx.t(SUMMARY)}>
            <button type="button" class={classes!("count", "error", (s.errors == 0).then_some("zero"))} id="bar-errors"
                onclick={jump("findings", "h-findings")}>{ N_ERRORS.get(ctx.lang, s.errors) }</button>
            <button type="button" class={classes!("count", "warning", (s.warnings == 0).then_some("zero"))} id="bar-warnings"
                onclick={jump("findings", "h-findings")}>{ N_WARNINGS.get(ctx.lang, s.warnings) }</button>
            <span class="grow"></span>
            <button type="button" class="quiet small" id="bar-checks" onclick={jump("findings", "h-findings")}>{ ctx.t(TO_CHECKS) }</button>
            <button type="button" class="quiet small" id="bar-files" onclick={jump("output", "h-output")}>{ ctx.t(TO_FILES) }</button>
        </nav>
    }
}
