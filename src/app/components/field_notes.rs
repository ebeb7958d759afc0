//! The findings about one field, shown right under it.

use yew::prelude::*;

use super::use_ctx;
use crate::app::strings::FIX;
use crate::check::{Finding, Severity};

#[derive(Properties, PartialEq)]
pub struct FieldNotesProps {
    /// `id` of the element; the list gets `{id}-notes`.
    pub id: AttrValue,
    pub notes: Vec<Finding>,
}

/// Errors and warnings stand beside their field; notes (info) only in the
/// summary list, so the form stays readable.
#[function_component]
pub fn FieldNotes(props: &FieldNotesProps) -> Html {
    let ctx = use_ctx();
    let shown: Vec<&Finding> = props
        .notes
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    if shown.is_empty() {
        return html! {};
    }
    html! {
        <ul class="notes" id={format!("{}-notes", props.id)}>
            { for shown.into_iter().map(|f| html! {
                <li class={classes!("note", f.severity.label())}>
                    <span class="code">{ f.code }</span>
                    <span class="msg">{ f.message.get(ctx.lang) }</span>
                    <span class="fix">{ format!("{}{}", ctx.t(FIX), f.fix.get(ctx.lang)) }</span>
                </li>
            }) }
        </ul>
    }
}
