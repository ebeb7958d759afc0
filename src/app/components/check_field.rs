//! A labelled checkbox with an optional help line and findings.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field_notes::FieldNotes;
use crate::check::Finding;

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub notes: Vec<Finding>,
}

#[function_component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let cb = props.onchange.clone();
    let onchange = Callback::from(move |e: Event| {
        cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    html! {
        <div class="check">
            <input type="checkbox" id={props.id.clone()} checked={props.checked} {onchange} />
            <label for={props.id.clone()}>
                { &props.label }
                if !props.help.is_empty() {
                    <span class="help">{ &props.help }</span>
                }
            </label>
            <FieldNotes id={props.id.clone()} notes={props.notes.clone()} />
        </div>
    }
}
