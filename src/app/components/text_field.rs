//! A labelled text input (or textarea) with its findings underneath. The
//! findings change once typing pauses or the field loses focus, so the
//! form does not jump on every keystroke; the preview follows every key.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::field_notes::FieldNotes;
use super::settle::{note_input, use_settled};
use crate::check::{Finding, Severity};

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub notes: Vec<Finding>,
    /// A textarea of this many rows instead of a one-line input.
    #[prop_or_default]
    pub rows: Option<u32>,
    /// Hide the label visually (it stays for screen readers).
    #[prop_or_default]
    pub quiet_label: bool,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let (notes, flush) = use_settled(&props.notes);
    let onblur = flush.reform(|_: FocusEvent| ());
    let error = notes.iter().any(|f| f.severity == Severity::Error);
    let notes_id = format!("{}-notes", props.id);
    let described = notes
        .iter()
        .any(|f| f.severity != Severity::Info)
        .then_some(notes_id);
    let input = match props.rows {
        Some(rows) => {
            let cb = props.oninput.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                note_input();
                cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
            });
            html! {
                <textarea id={props.id.clone()} rows={rows.to_string()} value={props.value.clone()}
                    placeholder={props.placeholder.clone()} {oninput} {onblur} spellcheck="false" autocomplete="off"
                    aria-invalid={error.to_string()} aria-describedby={described} />
            }
        }
        None => {
            let cb = props.oninput.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                note_input();
                cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <input type="text" id={props.id.clone()} value={props.value.clone()}
                    placeholder={props.placeholder.clone()} {oninput} {onblur} spellcheck="false" autocomplete="off"
                    aria-invalid={error.to_string()} aria-describedby={described} />
            }
        }
    };
    html! {
        <div class={classes!("field", error.then_some("has-error"), props.class.clone())}>
            <label for={props.id.clone()} class={classes!(props.quiet_label.then_some("sr-only"))}>{ &props.label }</label>
            { input }
            <FieldNotes id={props.id.clone()} {notes} />
        </div>
    }
}
