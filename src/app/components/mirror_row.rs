//! One mirror: URL, order (buttons or drag), capabilities, advanced fold.

use web_sys::DragEvent;
use yew::prelude::*;

use super::field_notes::FieldNotes;
use super::mirror_advanced::MirrorAdvanced;
use super::text_field::TextField;
use super::use_ctx;
use crate::app::derived::field_id;
use crate::app::state::{Action, MirrorEdit};
use crate::app::strings::*;
use crate::catalog::catalog;
use crate::check::Finding;
use crate::plan::{Field, MirrorField};
use crate::profile::{Capability, ContainerdVersion, Mirror};

#[derive(Properties, PartialEq)]
pub struct MirrorRowProps {
    pub registry: usize,
    pub index: usize,
    pub count: usize,
    pub mirror: Mirror,
    pub notes: Vec<Finding>,
    pub version: Option<ContainerdVersion>,
}

#[function_component]
pub fn MirrorRow(props: &MirrorRowProps) -> Html {
    let ctx = use_ctx();
    let (r, j) = (props.registry, props.index);
    let m = &props.mirror;
    let id = |f: MirrorField| field_id(&Field::mirror(r, j, f));
    let only = |f: MirrorField| {
        props
            .notes
            .iter()
            .filter(|n| matches!(n.field, Field::Mirror { field, .. } if field == f))
            .cloned()
            .collect::<Vec<_>>()
    };
    let edit = move |e: MirrorEdit| Action::EditMirror {
        registry: r,
        mirror: j,
        edit: e,
    };
    let d = ctx.dispatch.clone();
    let on_url = {
        let d = d.clone();
        Callback::from(move |s: String| d.dispatch(edit(MirrorEdit::Url(s))))
    };
    let mv = |to: usize| {
        let d = d.clone();
        Callback::from(move |_| {
            d.dispatch(Action::MoveMirror {
                registry: r,
                from: j,
                to,
            })
        })
    };
    let remove = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::RemoveMirror(r, j)))
    };
    let ondragstart = Callback::from(move |e: DragEvent| {
        if let Some(dt) = e.data_transfer() {
            let _ = dt.set_data("text/plain", &format!("{r}:{j}"));
        }
    });
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let d = d.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let data = e
                .data_transfer()
                .and_then(|dt| dt.get_data("text/plain").ok())
                .unwrap_or_default();
            if let Some((from_r, from)) = data.split_once(':') {
                if let (Ok(from_r), Ok(from)) = (from_r.parse::<usize>(), from.parse::<usize>()) {
                    if from_r == r {
                        d.dispatch(Action::MoveMirror {
                            registry: r,
                            from,
                            to: j,
                        });
                    }
                }
            }
        })
    };
    let caps: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| {
            *c != Capability::Referrers
                || props.version.is_some_and(|v| v.knows_referrers())
                || m.capabilities.contains(c)
        })
        .collect();
    let provider = catalog().provider(&m.provider).map(|p| {
        if ctx.lang == crate::i18n::Lang::Zh {
            p.name_zh.clone()
        } else {
            p.name.clone()
        }
    });
    html! {
        <li class="mirror" draggable="true" {ondragstart} {ondragover} {ondrop}>
            <div class="mirror-head">
                <span class="drag" title={ctx.t(DRAG)} aria-hidden="true">{ "⠿" }</span>
                <span class="ord">{ j + 1 }</span>
                <TextField id={id(MirrorField::Url)} label={format!("{} {}", ctx.t(MIRROR_URL), j + 1)} quiet_label=true
                    value={m.url.clone()} oninput={on_url} notes={only(MirrorField::Url)} class="grow"
                    placeholder="https://mirror.example.com" />
                <div class="mirror-tools">
                    <button type="button" class="quiet" disabled={j == 0} onclick={mv(j.saturating_sub(1))}
                        aria-label={format!("{} {}", ctx.t(MOVE_UP), j + 1)} title={ctx.t(MOVE_UP)}>{ "↑" }</button>
                    <button type="button" class="quiet" disabled={j + 1 >= props.count} onclick={mv(j + 1)}
                        aria-label={format!("{} {}", ctx.t(MOVE_DOWN), j + 1)} title={ctx.t(MOVE_DOWN)}>{ "↓" }</button>
                    <button type="button" class="quiet danger" onclick={remove}
                        aria-label={format!("{} {}", ctx.t(REMOVE), j + 1)} title={ctx.t(REMOVE)}>{ "✕" }</button>
                </div>
            </div>
            if let Some(name) = provider {
                <span class="badge">{ name }</span>
            }
            <fieldset class="caps" id={id(MirrorField::Capabilities)} tabindex="-1">
                <legend>{ ctx.t(CAPABILITIES) }</legend>
                { for caps.into_iter().map(|c| {
                    let d = d.clone();
                    let cid = format!("{}-{}", id(MirrorField::Capabilities), c.as_str());
                    let onchange = Callback::from(move |_: Event| d.dispatch(edit(MirrorEdit::ToggleCapability(c))));
                    html! {
                        <span class="cap">
                            <input type="checkbox" id={cid.clone()} checked={m.capabilities.contains(&c)} {onchange} />
                            <label for={cid}>{ c.as_str() }</label>
                        </span>
                    }
                }) }
                <FieldNotes id={id(MirrorField::Capabilities)} notes={only(MirrorField::Capabilities)} />
            </fieldset>
            <MirrorAdvanced registry={r} index={j} mirror={m.clone()}
                notes={props.notes.iter().filter(|n| !matches!(n.field, Field::Mirror { field: MirrorField::Url | MirrorField::Capabilities, .. })).cloned().collect::<Vec<_>>()} />
        </li>
    }
}
