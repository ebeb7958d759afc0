//! A message above the form, with dismiss, the notice's own buttons
//! ("Undo" after a preset, a link, an import or a removal; "Restore" for
//! the last session) and a jump to what the message is about.

use yew::prelude::*;

use super::use_ctx;
use crate::app::browser;
use crate::app::state::{Action, Notice, NoticeAction, NoticeKind};
use crate::app::strings::{DISMISS, RESTORE_LAST, SHOW_REPORT, UNDO};

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
}

#[function_component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let ctx = use_ctx();
    let send = |a: Action| {
        let d = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    let jump = props
        .notice
        .target
        .map(|id| Callback::from(move |_: MouseEvent| browser::focus(id)));
    let (class, role) = match props.notice.kind {
        NoticeKind::Error => ("notice error", "alert"),
        NoticeKind::Info => ("notice info", "status"),
    };
    html! {
        <div class={class} role={role} id="notice">
            <span>{ props.notice.text.get(ctx.lang) }</span>
            if let Some(onclick) = jump {
                <button type="button" class="quiet" id="notice-jump" {onclick}>{ ctx.t(SHOW_REPORT) }</button>
            }
            { for props.notice.actions.iter().map(|a| match a {
                NoticeAction::Undo => html! {
                    <button type="button" id="notice-undo" onclick={send(Action::Undo)}>{ ctx.t(UNDO) }</button>
                },
                NoticeAction::Restore => html! {
                    <button type="button" id="notice-restore" onclick={send(Action::Restore)}>{ ctx.t(RESTORE_LAST) }</button>
                },
            }) }
            <button type="button" class="quiet" id="notice-dismiss" onclick={send(Action::DismissNotice)} aria-label={ctx.t(DISMISS)}>{ "✕" }</button>
        </div>
    }
}
