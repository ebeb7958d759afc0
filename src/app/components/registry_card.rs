//! One registry: its name, fallback, upstream and the ordered mirrors.

use yew::prelude::*;

use super::add_mirror::AddMirror;
use super::check_field::CheckField;
use super::mirror_row::MirrorRow;
use super::text_field::TextField;
use super::use_ctx;
use crate::app::derived::field_id;
use crate::app::state::Action;
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
}

#[function_component]
pub fn RegistryCard(props: &RegistryCardProps) -> Html {
    let ctx = use_ctx();
    let i = props.index;
    let r = &props.registry;
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
    let remove = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::RemoveRegistry(i)))
    };
    html! {
        <article class={classes!("registry", (errors > 0).then_some("has-error"))} aria-label={r.host.clone()}>
            <div class="registry-head">
                <TextField id={field_id(&Field::RegistryHost(i))} label={ctx.t(REGISTRY_HOST)} value={r.host.clone()}
                    oninput={on_host} notes={only(Field::RegistryHost(i))} class="grow" />
                <button type="button" class="quiet danger" onclick={remove}
                    aria-label={format!("{} {}", ctx.t(REMOVE), r.host)}>{ ctx.t(REMOVE) }</button>
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
                    { for r.mirrors.iter().enumerate().map(|(j, m)| html! {
                        <MirrorRow key={format!("{i}-{j}")} registry={i} index={j} count={r.mirrors.len()}
                            mirror={m.clone()} version={props.version}
                            notes={props.notes.iter().filter(|n| matches!(n.field, Field::Mirror { mirror, .. } if mirror == j)).cloned().collect::<Vec<_>>()} />
                    }) }
                </ol>
            }
            <AddMirror registry={i} host={r.host.trim().to_string()} />
        </article>
    }
}
