//! One mirror: URL, order (buttons, or dragging the handle), capabilities,
//! advanced fold. After a move, focus follows the mirror that moved.

use web_sys::DragEvent;
use yew::prelude::*;

use super::field_notes::FieldNotes;
use super::mirror_advanced::MirrorAdvanced;
use super::text_field::TextField;
use super::use_ctx;
use crate::app::browser;
use crate::app::derived::field_id;
use crate::app::state::{Action, MirrorEdit, MirrorKeys};
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
    /// The mirror of this registry being dragged.
    #[prop_or_default]
    pub drag_from: Option<usize>,
    /// A drop here would move the dragged mirror to this place.
    #[prop_or_default]
    pub drop_here: bool,
    pub on_drag: Callback<DragMsg>,
    /// Its stable keys, for its client certificate and header rows.
    #[prop_or_default]
    pub keys: MirrorKeys,
}

/// Dragging a mirror by its handle, reported to the registry card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragMsg {
    Start(usize),
    Over(usize),
    Drop(usize),
    End,
}

/// The id of a mirror's move button.
fn move_id(r: usize, j: usize, up: bool) -> String {
    format!("f-r{r}-m{j}-{}", if up { "up" } else { "down" })
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
    let count = props.count;
    let mv = |to: usize| {
        let d = d.clone();
        Callback::from(move |_| {
            d.dispatch(Action::MoveMirror {
                registry: r,
                from: j,
                to,
            });
            // The same button of the moved mirror, or the other one when
            // it reached an end.
            let up = to < j;
            let id = if (up && to == 0) || (!up && to + 1 >= count) {
                move_id(r, to, !up)
            } else {
                move_id(r, to, up)
            };
            browser::after_render(move || browser::focus_quietly(&id));
        })
    };
    let remove = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::RemoveMirror(r, j)))
    };
    let on_drag = props.on_drag.clone();
    let ondragstart = {
        let on_drag = on_drag.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(dt) = e.data_transfer() {
                // Firefox starts a drag only with data set.
                let _ = dt.set_data("text/plain", &format!("{r}:{j}"));
                dt.set_effect_allowed("move");
            }
            on_drag.emit(DragMsg::Start(j));
        })
    };
    let ondragend = {
        let on_drag = on_drag.clone();
        Callback::from(move |_: DragEvent| on_drag.emit(DragMsg::End))
    };
    let dragging = props.drag_from.is_some();
    let ondragover = {
        let on_drag = on_drag.clone();
        Callback::from(move |e: DragEvent| {
            if dragging {
                e.prevent_default();
                on_drag.emit(DragMsg::Over(j));
            }
        })
    };
    let ondrop = {
        let on_drag = on_drag.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            on_drag.emit(DragMsg::Drop(j));
        })
    };
    let drop_class = match props.drag_from {
        Some(from) if props.drop_here && from > j => Some("drop-before"),
        Some(from) if props.drop_here && from < j => Some("drop-after"),
        _ => None,
    };
    let moving = props.drag_from == Some(j);
    let caps: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| {
            *c != Capability::Referrers
                || props.version.is_some_and(|v| v.knows_referrers())
                || m.capabilities.contains(c)
        })
        .collect();
    // The label follows the URL (the reducer keeps it so); no provider
    // is a custom URL.
    let provider = catalog()
        .provider(&m.provider)
        .or_else(|| catalog().provider("custom"))
        .map(|p| ctx.pick(&p.name, &p.name_zh).to_string());
    html! {
        <li class={classes!("mirror", drop_class, moving.then_some("moving"))} {ondragover} {ondrop}>
            <div class="mirror-head">
                <span class="drag" draggable="true" {ondragstart} {ondragend} title={ctx.t(DRAG)} aria-hidden="true">{ "⠿" }</span>
                <span class="ord">{ j + 1 }</span>
                <TextField id={id(MirrorField::Url)} label={format!("{} {}", ctx.t(MIRROR_URL), j + 1)} quiet_label=true
                    value={m.url.clone()} oninput={on_url} notes={only(MirrorField::Url)} class="grow"
                    placeholder="https://mirror.example.com" />
                <div class="mirror-tools">
                    <button type="button" class="quiet" id={move_id(r, j, true)} disabled={j == 0} onclick={mv(j.saturating_sub(1))}
                        aria-label={format!("{} {}", ctx.t(MOVE_UP), j + 1)} title={ctx.t(MOVE_UP)}>{ "↑" }</button>
                    <button type="button" class="quiet" id={move_id(r, j, false)} disabled={j + 1 >= props.count} onclick={mv(j + 1)}
                        aria-label={format!("{} {}", ctx.t(MOVE_DOWN), j + 1)} title={ctx.t(MOVE_DOWN)}>{ "↓" }</button>
                    <button type="button" class="quiet danger" onclick={remove}
                        aria-label={format!("{} {}", ctx.t(REMOVE), j + 1)} title={ctx.t(REMOVE)}>{ "✕" }</button>
                </div>
            </div>
            if let Some(name) = provider {
                <span class="badge provider">{ name }</span>
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
            <MirrorAdvanced registry={r} index={j} mirror={m.clone()} keys={props.keys.clone()}
                notes={props.notes.iter().filter(|n| !matches!(n.field, Field::Mirror { field: MirrorField::Url | MirrorField::Capabilities, .. })).cloned().collect::<Vec<_>>()} />
        </li>
    }
}
