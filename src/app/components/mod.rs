//! Yew function components, one per file. Components dispatch actions and
//! display what the core returns; none of them computes configuration.
//! `settle` holds the hook that shows findings once typing pauses.

mod add_mirror;
pub mod app;
mod check_field;
mod copy_button;
mod errors_warning;
mod explain_panel;
mod field_notes;
mod file_view;
mod findings_panel;
mod header_bar;
mod import_panel;
mod install_panel;
mod mirror_advanced;
mod mirror_row;
mod node_card;
mod notice_bar;
mod output_pane;
mod proxy_card;
mod registries_card;
mod registry_card;
mod route_diagram;
mod settle;
mod share_bar;
mod summary_bar;
mod targets_card;
mod text_field;

use yew::prelude::*;

use crate::app::state::AppState;
use crate::app::strings::T;
use crate::i18n::Lang;

/// What every component may need: the dispatcher (stable) and the language.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub dispatch: UseReducerDispatcher<AppState>,
    pub lang: Lang,
}

impl Ctx {
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang)
    }

    /// The page language's half of a pair from the data ([`crate::app::strings::pick`]).
    pub fn pick<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        crate::app::strings::pick(self.lang, en, zh)
    }
}

#[hook]
pub fn use_ctx() -> Ctx {
    // App provides the context around every other component.
    use_context::<Ctx>().expect("Ctx is provided by App")
}
