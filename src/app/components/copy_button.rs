//! Copying honestly: `use_copy` reports "Copied" only when the browser
//! confirms it; when it refuses (or has no clipboard API, as on plain http
//! from another host), `CopyFallback` selects the text in a visible
//! read-only box and says to press Ctrl+C.

use yew::prelude::*;

use super::use_ctx;
use crate::app::browser;
use crate::app::strings::{COPIED, COPY_BY_HAND, NOT_COPIED};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyState {
    Idle,
    Copied,
    Failed,
}

impl CopyState {
    /// The button's label: `idle` until something happened.
    pub fn label(self, idle: crate::app::strings::T) -> crate::app::strings::T {
        match self {
            CopyState::Idle => idle,
            CopyState::Copied => COPIED,
            CopyState::Failed => NOT_COPIED,
        }
    }
}

/// The state of copying `text` and the click that copies it. New text
/// starts over.
#[hook]
pub fn use_copy(text: &str) -> (CopyState, Callback<MouseEvent>) {
    let state = use_state_eq(|| CopyState::Idle);
    {
        let state = state.clone();
        use_effect_with(text.to_string(), move |_| state.set(CopyState::Idle));
    }
    let onclick = {
        let state = state.clone();
        let text = text.to_string();
        Callback::from(move |_: MouseEvent| {
            let state = state.clone();
            browser::copy(&text, move |ok| {
                state.set(if ok {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                })
            });
        })
    };
    (*state, onclick)
}

#[derive(Properties, PartialEq)]
pub struct CopyFallbackProps {
    /// The element whose text gets selected.
    pub select: AttrValue,
    /// A box of its own with this text (id `select`); None when the text
    /// already stands in an input or textarea with that id.
    #[prop_or_default]
    pub text: Option<AttrValue>,
}

#[function_component]
pub fn CopyFallback(props: &CopyFallbackProps) -> Html {
    let ctx = use_ctx();
    {
        let id = props.select.clone();
        // An effect: the box is on the page (copying reports from a
        // promise, not through the root's render).
        use_effect_with(props.text.clone(), move |_| browser::select_text(&id));
    }
    html! {
        <div class="copy-fallback">
            <p class="warn" role="alert">{ ctx.t(COPY_BY_HAND) }</p>
            if let Some(text) = &props.text {
                <textarea id={props.select.clone()} readonly=true rows="6" value={text.clone()} aria-label={ctx.t(COPY_BY_HAND)} />
            }
        </div>
    }
}
