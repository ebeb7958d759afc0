//! "N errors: these values are left out of the files", beside every way
//! of taking the files away, with a jump to the checks. Downloads stay
//! possible: the user decides.

use yew::prelude::*;

use super::settle::use_settled;
use super::use_ctx;
use crate::app::browser;
use crate::app::strings::{ERRORS_LEFT_OUT, SHOW_CHECKS};

#[derive(Properties, PartialEq)]
pub struct ErrorsWarningProps {
    pub id: AttrValue,
    pub errors: usize,
}

#[function_component]
pub fn ErrorsWarning(props: &ErrorsWarningProps) -> Html {
    let ctx = use_ctx();
    // Shown once typing pauses, like the field notes: no jumps meanwhile.
    let (errors, _) = use_settled(&props.errors);
    if errors == 0 {
        return html! {};
    }
    let onclick = Callback::from(|_: MouseEvent| browser::jump("findings", "h-findings"));
    html! {
        <p class="errors-left-out" id={props.id.clone()}>
            <span>{ ERRORS_LEFT_OUT.get(ctx.lang, errors) }</span>
            { " " }
            <button type="button" class="link" {onclick}>{ ctx.t(SHOW_CHECKS) }</button>
        </p>
    }
}
