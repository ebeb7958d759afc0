//! A message above the form, with dismiss and, after a broken link, restore.

use yew::prelude::*;

use super::use_ctx;
use crate::app::state::{Action, Notice, NoticeKind};
use crate::app::strings::{DISMISS, RESTORE_LAST};
use crate::profile::Profile;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
    /// The setup saved before, offered when a link could not be opened.
    #[prop_or_default]
    pub restorable: Option<Profile>,
}

#[function_component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let ctx = use_ctx();
    let dismiss = {
        let d = ctx.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::DismissNotice))
    };
    let restore = props.restorable.clone().map(|p| {
        let d = ctx.dispatch.clone();
        Callback::from(move |_| {
            d.dispatch(Action::LoadProfile(p.clone()));
            d.dispatch(Action::DismissNotice);
        })
    });
    let (class, role) = match props.notice.kind {
        NoticeKind::Error => ("notice error", "alert"),
        NoticeKind::Info => ("notice info", "status"),
    };
    html! {
        <div class={class} role={role} id="notice">
            <span>{ props.notice.text.get(ctx.lang) }</span>
            if let Some(onclick) = restore {
                <button type="button" {onclick}>{ ctx.t(RESTORE_LAST) }</button>
            }
            <button type="button" class="quiet" onclick={dismiss} aria-label={ctx.t(DISMISS)}>{ "✕" }</button>
        </div>
    }
}
