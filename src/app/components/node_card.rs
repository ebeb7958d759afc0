//! Step 4: settings the blog recipes change along the way (pause image, cgroups).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::field_notes::FieldNotes;
use super::text_field::TextField;
use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::check::Finding;
use crate::plan::Field;

#[derive(Properties, PartialEq)]
pub struct NodeCardProps {
    pub sandbox_image: String,
    pub systemd_cgroup: Option<bool>,
    pub notes: Vec<Finding>,
}

#[function_component]
pub fn NodeCard(props: &NodeCardProps) -> Html {
    let ctx = use_ctx();
    let only = |f: Field| {
        props
            .notes
            .iter()
            .filter(|n| n.field == f)
            .cloned()
            .collect::<Vec<_>>()
    };
    let on_sandbox = {
        let d = ctx.dispatch.clone();
        Callback::from(move |s: String| d.dispatch(Action::SetSandboxImage(s)))
    };
    let on_cgroup = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            let v = match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
            d.dispatch(Action::SetSystemdCgroup(v));
        })
    };
    let c = props.systemd_cgroup;
    html! {
        <section class="card" aria-labelledby="h-node">
            <h2 id="h-node">{ ctx.t(STEP_NODE) }</h2>
            <TextField id="f-sandbox" label={ctx.t(SANDBOX)} value={props.sandbox_image.clone()}
                placeholder={ctx.t(SANDBOX_PLACEHOLDER)} oninput={on_sandbox} notes={only(Field::SandboxImage)} />
            <div class="field">
                <label for="f-systemd-cgroup">{ ctx.t(SYSTEMD_CGROUP) }</label>
                <select id="f-systemd-cgroup" onchange={on_cgroup}>
                    <option value="" selected={c.is_none()}>{ ctx.t(LEAVE) }</option>
                    <option value="true" selected={c == Some(true)}>{ ctx.t(ON) }</option>
                    <option value="false" selected={c == Some(false)}>{ ctx.t(OFF) }</option>
                </select>
                <FieldNotes id="f-systemd-cgroup" notes={only(Field::SystemdCgroup)} />
            </div>
        </section>
    }
}
