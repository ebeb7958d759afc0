//! The "advanced" fold of a mirror: TLS, path, timeout, headers.

use yew::prelude::*;

use super::check_field::CheckField;
use super::text_field::TextField;
use super::use_ctx;
use crate::app::derived::field_id;
use crate::app::state::{Action, MirrorEdit, MirrorKeys};
use crate::app::strings::*;
use crate::check::Finding;
use crate::plan::{Field, MirrorField};
use crate::profile::{ClientCert, Header, Mirror};

#[derive(Properties, PartialEq)]
pub struct MirrorAdvancedProps {
    pub registry: usize,
    pub index: usize,
    pub mirror: Mirror,
    pub notes: Vec<Finding>,
    /// Stable keys of the client certificate and header rows.
    #[prop_or_default]
    pub keys: MirrorKeys,
}

#[function_component]
pub fn MirrorAdvanced(props: &MirrorAdvancedProps) -> Html {
    let ctx = use_ctx();
    let (r, j) = (props.registry, props.index);
    let m = &props.mirror;
    let id = |f: MirrorField| field_id(&Field::mirror(r, j, f));
    let only = |pick: fn(&MirrorField) -> bool| {
        props
            .notes
            .iter()
            .filter(|n| matches!(&n.field, Field::Mirror { field, .. } if pick(field)))
            .cloned()
            .collect::<Vec<_>>()
    };
    let send = {
        let d = ctx.dispatch.clone();
        move |e: MirrorEdit| {
            d.dispatch(Action::EditMirror {
                registry: r,
                mirror: j,
                edit: e,
            })
        }
    };
    let cb_bool = |f: fn(bool) -> MirrorEdit| {
        let send = send.clone();
        Callback::from(move |v: bool| send(f(v)))
    };
    let cb_text = |f: fn(String) -> MirrorEdit| {
        let send = send.clone();
        Callback::from(move |v: String| send(f(v)))
    };
    let used = m.skip_verify
        || m.override_path
        || !m.dial_timeout.is_empty()
        || !m.ca.is_empty()
        || !m.client.is_empty()
        || !m.headers.is_empty();
    let has_notes = !props.notes.is_empty();
    let click = |e: MirrorEdit| {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(e.clone()))
    };
    html! {
        <details class="fold" open={used || has_notes}>
            <summary>{ ctx.t(ADVANCED) }</summary>
            <CheckField id={id(MirrorField::OverridePath)} label={ctx.t(OVERRIDE_PATH)} checked={m.override_path}
                onchange={cb_bool(MirrorEdit::OverridePath)} notes={only(|f| *f == MirrorField::OverridePath)} />
            <CheckField id={id(MirrorField::SkipVerify)} label={ctx.t(SKIP_VERIFY)} checked={m.skip_verify}
                onchange={cb_bool(MirrorEdit::SkipVerify)} notes={only(|f| *f == MirrorField::SkipVerify)} />
            <TextField id={id(MirrorField::DialTimeout)} label={ctx.t(DIAL_TIMEOUT)} value={m.dial_timeout.clone()}
                oninput={cb_text(MirrorEdit::DialTimeout)} notes={only(|f| *f == MirrorField::DialTimeout)} placeholder="3s" />
            <TextField id={id(MirrorField::Ca(0))} label={ctx.t(CA_FILES)} value={m.ca.join("\n")} rows={2}
                oninput={cb_text(MirrorEdit::Ca)} notes={only(|f| matches!(f, MirrorField::Ca(_)))} />
            <fieldset class="pairs">
                <legend>{ ctx.t(CLIENT_CERTS) }</legend>
                { for m.client.iter().zip(&props.keys.clients).enumerate().map(|(k, (c, &key))| {
                    let (s1, s2) = (send.clone(), send.clone());
                    let (c1, c2) = (c.clone(), c.clone());
                    html! {
                        <div class="pair" {key}>
                            <TextField id={format!("{}-cert", id(MirrorField::Client(k)))} label={ctx.t(CERT)} value={c.cert.clone()}
                                oninput={Callback::from(move |v: String| s1(MirrorEdit::Client(k, ClientCert { cert: v, key: c1.key.clone() })))} />
                            <TextField id={format!("{}-key", id(MirrorField::Client(k)))} label={ctx.t(KEY)} value={c.key.clone()}
                                oninput={Callback::from(move |v: String| s2(MirrorEdit::Client(k, ClientCert { cert: c2.cert.clone(), key: v })))} />
                            <button type="button" class="quiet danger" onclick={click(MirrorEdit::RemoveClient(k))} aria-label={ctx.t(REMOVE)}>{ "✕" }</button>
                        </div>
                    }
                }) }
                <super::field_notes::FieldNotes id={id(MirrorField::Client(0))} notes={only(|f| matches!(f, MirrorField::Client(_)))} />
                <button type="button" class="small" onclick={click(MirrorEdit::AddClient)}>{ ctx.t(ADD_CLIENT) }</button>
            </fieldset>
            <fieldset class="pairs">
                <legend>{ ctx.t(HEADERS) }</legend>
                { for m.headers.iter().zip(&props.keys.headers).enumerate().map(|(k, (h, &key))| {
                    let (s1, s2) = (send.clone(), send.clone());
                    let (h1, h2) = (h.clone(), h.clone());
                    html! {
                        <div class="pair" {key}>
                            <TextField id={format!("{}-name", id(MirrorField::Header(k)))} label={ctx.t(HEADER_NAME)} value={h.name.clone()}
                                oninput={Callback::from(move |v: String| s1(MirrorEdit::Header(k, Header { name: v, value: h1.value.clone() })))} />
                            <TextField id={format!("{}-value", id(MirrorField::Header(k)))} label={ctx.t(HEADER_VALUE)} value={h.value.clone()}
                                oninput={Callback::from(move |v: String| s2(MirrorEdit::Header(k, Header { name: h2.name.clone(), value: v })))} />
                            <button type="button" class="quiet danger" onclick={click(MirrorEdit::RemoveHeader(k))} aria-label={ctx.t(REMOVE)}>{ "✕" }</button>
                        </div>
                    }
                }) }
                <super::field_notes::FieldNotes id={id(MirrorField::Header(0))} notes={only(|f| matches!(f, MirrorField::Header(_)))} />
                <button type="button" class="small" onclick={click(MirrorEdit::AddHeader)}>{ ctx.t(ADD_HEADER) }</button>
            </fieldset>
        </details>
    }
}
