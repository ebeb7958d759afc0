//! One registry: its name, fallback, upstream and the ordered mirrors.
//! Folded, it shows the host, how many mirrors and its errors. Mirrors are
//! keyed by identity, reordered with the buttons or by dragging the handle.

use yew::prelude::*;

use super::add_mirror::AddMirror;
use super::check_field::CheckField;
use super::mirror_row::{DragMsg, MirrorRow};
use super::text_field::TextField;
use super::use_ctx;
use crate::app::derived::field_id;
use crate::app::state::{Action, MirrorKeys};
use crate::app::strings::*;
use crate::check::{Finding, Severity};
use crate::plan::Field;
use crate::profile::{ContainerdVersion, Registry};

#[derive(Properties, PartialEq)]
pub struct RegistryCardProps {
    pub index: usize,
    pub registry: Registry,
    pub notes: Vec<Finding>,
    pub version: Option<ContainerdVersion>,
    /// Folded to one line.
    #[prop_or_default]
    pub collapsed: bool,
    /// The mirrors' stable keys (and their rows'), in order.
    #[prop_or_default]
    pub mirror_keys: Vec<MirrorKeys>,
}

#[function_component]
pub fn RegistryCard(props: &RegistryCardProps) -> Html {
    let ctx = use_ctx();
    let i = props.index;
    let r = &props.registry;
    // The mirror being dragged (no render needed) and, for the drop
    // indicator, (from, over).
    let drag_from = use_mut_ref(|| None::<usize>);
    let drag_view = use_state_eq(|| None::<(usize, usize)>);
    let on_drag = {
        let d = ctx.dispatch.clone();
        let drag_from = drag_from.clone();
        let drag_view = drag_view.clone();
        use_callback(i, move |msg: DragMsg, &i| match msg {
            DragMsg::Start(j) => {
                *drag_from.borrow_mut() = Some(j);
                drag_view.set(Some((j, j)));
            }
            DragMsg::Over(j) => {
                if let Some(from) = *drag_from.borrow() {
                    drag_view.set(Some((from, j)));
                }
            }
            DragMsg::End => {
                *drag_from.borrow_mut() = None;
                drag_view.set(None);
            }
            DragMsg::Drop(to) => {
                if let Some(from) = drag_from.borrow_mut().take() {
                    if from != to {
                        d.dispatch(Action::MoveMirror {
                            registry: i,
                            from,
                            to,
                        });
                    }
                }
                drag_view.set(None);
            }
        })
    };
    let only = |f: Field| {
        props
            .notes
            .iter()
            .filter(|n| n.field == f)
            .cloned()
            .collect::<Vec<_>>()
    };
    let errors = props
        .notes
        .iter()
        .filter(|n| n.severity == Severity::Error)
        .count();
    let d = ctx.dispatch.clone();
    let fold = |on: bool| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetCollapsed(i, on)))
    };
    let remove = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::RemoveRegistry(i)))
    };
    let remove_button = html! {
        <button type="button" class="quiet danger" onclick={remove}
            aria-label={format!("{} {}", ctx.t(REMOVE), r.host)}>{ ctx.t(REMOVE) }</button>
    };
    let toggle_id = format!("f-r{i}-fold");
    if props.collapsed {
        return html! {
            <article class={classes!("registry", "collapsed", (errors > 0).then_some("has-error"))} aria-label={r.host.clone()}>
                <div class="registry-head">
                    <button type="button" class="fold-toggle" id={toggle_id} aria-expanded="false" onclick={fold(false)}
                        title={ctx.t(EXPAND)}>
                        <span class="chev" aria-hidden="true">{ "▸" }</span>
                        <span class="host">{ r.host.clone() }</span>
                        <span class="badge">{ N_MIRRORS.get(ctx.lang, r.mirrors.len()) }</span>
                        if errors > 0 {
                            <span class="count error">{ N_ERRORS.get(ctx.lang, errors) }</span>
                        }
                    </button>
                    { remove_button }
                </div>
            </article>
        };
    }
    let on_host = {
        let d = d.clone();
        Callback::from(move |s: String| d.dispatch(Action::SetRegistryHost(i, s)))
    };
    let on_server = {
        let d = d.clone();
        Callback::from(move |s: String| d.dispatch(Action::SetRegistryServer(i, s)))
    };
    let on_fallback = {
        let d = d.clone();
        Callback::from(move |on: bool| d.dispatch(Action::SetRegistryFallback(i, on)))
    };
    let drag = *drag_view;
    html! {
        <article class={classes!("registry", (errors > 0).then_some("has-error"))} aria-label={r.host.clone()}>
            <div class="registry-head">
                <button type="button" class="fold-toggle quiet" id={toggle_id} aria-expanded="true" onclick={fold(true)}
                    aria-label={format!("{} {}", ctx.t(COLLAPSE), r.host)} title={ctx.t(COLLAPSE)}>
                    <span class="chev" aria-hidden="true">{ "▾" }</span>
                </button>
                <TextField id={field_id(&Field::RegistryHost(i))} label={ctx.t(REGISTRY_HOST)} value={r.host.clone()}
                    oninput={on_host} notes={only(Field::RegistryHost(i))} class="grow" />
                { remove_button }
            </div>
            <CheckField id={field_id(&Field::RegistryFallback(i))} label={ctx.t(FALLBACK)} checked={r.fallback}
                onchange={on_fallback} notes={only(Field::RegistryFallback(i))} />
            <details class="fold" open={!r.server.is_empty()}>
                <summary>{ ctx.t(SERVER) }</summary>
                <TextField id={field_id(&Field::RegistryServer(i))} label={ctx.t(SERVER)} quiet_label=true
                    value={r.server.clone()} placeholder={ctx.t(SERVER_PLACEHOLDER)} oninput={on_server}
                    notes={only(Field::RegistryServer(i))} />
            </details>
            <h3 class="label">{ ctx.t(MIRRORS) }</h3>
            if r.mirrors.is_empty() {
                <p class="empty">{ ctx.t(NO_MIRRORS) }</p>
            } else {
                <ol class="mirrors">
                    // The reducer keeps one key per mirror.
                    { for r.mirrors.iter().zip(&props.mirror_keys).enumerate().map(|(j, (m, keys))| {
                        html! {
                            <MirrorRow key={keys.key} keys={keys.clone()} registry={i} index={j} count={r.mirrors.len()}
                                mirror={m.clone()} version={props.version}
                                drag_from={drag.map(|(from, _)| from)}
                                drop_here={drag.is_some_and(|(from, over)| over == j && from != j)}
                                on_drag={on_drag.clone()}
                                notes={props.notes.iter().filter(|n| matches!(n.field, Field::Mirror { mirror, .. } if mirror == j)).cloned().collect::<Vec<_>>()} />
                        }
                    }) }
                </ol>
            }
            <AddMirror registry={i} host={r.host.trim().to_string()} />
        </article>
    }
}
