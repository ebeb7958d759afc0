//! Step 1: which runtimes get files, and their versions.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::check_field::CheckField;
use super::field_notes::FieldNotes;
use super::text_field::TextField;
use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::check::Finding;
use crate::profile::{
    ColimaRuntime, ColimaTarget, ConfigStyle, ContainerdTarget, ContainerdVersion, DockerEngine,
    DockerTarget, Profile,
};

#[derive(Properties, PartialEq)]
pub struct TargetsCardProps {
    pub targets: Targets,
    pub notes: Vec<Finding>,
}

/// The part of the profile this card edits: a registry edit leaves it equal,
/// so the card does not re-render.
#[derive(Clone, Debug, PartialEq)]
pub struct Targets {
    pub containerd: Option<ContainerdTarget>,
    pub docker: Option<DockerTarget>,
    pub colima: Option<ColimaTarget>,
    pub host_environment: bool,
    pub kubernetes: bool,
}

impl Targets {
    pub fn of(p: &Profile) -> Targets {
        Targets {
            containerd: p.containerd.clone(),
            docker: p.docker.clone(),
            colima: p.colima.clone(),
            host_environment: p.host_environment,
            kubernetes: p.kubernetes,
        }
    }
}

fn notes_for(notes: &[Finding], f: crate::plan::Field) -> Vec<Finding> {
    notes.iter().filter(|n| n.field == f).cloned().collect()
}

#[function_component]
pub fn TargetsCard(props: &TargetsCardProps) -> Html {
    use crate::plan::Field;
    let ctx = use_ctx();
    let p = &props.targets;
    let d = &ctx.dispatch;
    let act = |f: fn(bool) -> Action| {
        let d = d.clone();
        Callback::from(move |v: bool| d.dispatch(f(v)))
    };
    let on_version = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(v) = ContainerdVersion::from_label(&v) {
                d.dispatch(Action::SetContainerdVersion(v));
            }
        })
    };
    let on_style = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let style = match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "full" => ConfigStyle::Full,
                "drop-in" => ConfigStyle::DropIn,
                _ => ConfigStyle::Minimal,
            };
            d.dispatch(Action::SetConfigStyle(style));
        })
    };
    let on_engine = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let old = e.target_unchecked_into::<HtmlSelectElement>().value() == "before23";
            d.dispatch(Action::SetDockerEngine(if old {
                DockerEngine::Before23
            } else {
                DockerEngine::From23
            }));
        })
    };
    let on_runtime = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let ctr = e.target_unchecked_into::<HtmlSelectElement>().value() == "containerd";
            d.dispatch(Action::SetColimaRuntime(if ctr {
                ColimaRuntime::Containerd
            } else {
                ColimaRuntime::Docker
            }));
        })
    };
    let text = |f: fn(String) -> Action| {
        let d = d.clone();
        Callback::from(move |s: String| d.dispatch(f(s)))
    };
    html! {
        <section class="card" aria-labelledby="h-targets">
            <h2 id="h-targets">{ ctx.t(STEP_TARGETS) }</h2>
            <div class="target">
                <CheckField id="f-containerd" label={ctx.t(CONTAINERD)} help={ctx.t(CONTAINERD_HELP)}
                    checked={p.containerd.is_some()} onchange={act(Action::SetContainerd)} />
                if let Some(c) = &p.containerd {
                    <div class="settings indent">
                        <div class="field">
                            <label for="f-containerd-version">{ ctx.t(VERSION) }</label>
                            <select id="f-containerd-version" onchange={on_version}>
                                { for ContainerdVersion::ALL.iter().map(|v| html! {
                                    <option value={v.label()} selected={*v == c.version}>
                                        { format!("{} · config v{}", v.label(), v.config_version()) }
                                    </option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="f-containerd-config">{ ctx.t(CONFIG_STYLE) }</label>
                            <select id="f-containerd-config" onchange={on_style}>
                                <option value="minimal" selected={c.config == ConfigStyle::Minimal}>{ ctx.t(STYLE_MINIMAL) }</option>
                                <option value="full" selected={c.config == ConfigStyle::Full}>{ ctx.t(STYLE_FULL) }</option>
                                <option value="drop-in" selected={c.config == ConfigStyle::DropIn}>{ ctx.t(STYLE_DROP_IN) }</option>
                            </select>
                        </div>
                        <TextField id="f-config-path" label={ctx.t(CONFIG_PATH)} value={c.config_path.clone()} class="wide"
                            oninput={text(Action::SetConfigPath)} notes={notes_for(&props.notes, Field::ConfigPath)} />
                        <FieldNotes id="f-containerd-config" notes={notes_for(&props.notes, Field::ContainerdConfig)} />
                    </div>
                }
            </div>
            <div class="target">
                <CheckField id="f-docker" label={ctx.t(DOCKER)} help={ctx.t(DOCKER_HELP)}
                    checked={p.docker.is_some()} onchange={act(Action::SetDocker)} notes={notes_for(&props.notes, Field::Docker)} />
                if let Some(dk) = &p.docker {
                    <div class="settings indent">
                        <div class="field">
                            <label for="f-docker-engine">{ ctx.t(ENGINE) }</label>
                            <select id="f-docker-engine" onchange={on_engine}>
                                <option value="from23" selected={dk.engine == DockerEngine::From23}>{ "23.0 +" }</option>
                                <option value="before23" selected={dk.engine == DockerEngine::Before23}>{ "< 23.0" }</option>
                            </select>
                        </div>
                        <CheckField id="f-docker-client" label={ctx.t(CLIENT_PROXY)} checked={dk.client_proxy}
                            onchange={act(Action::SetDockerClientProxy)} />
                    </div>
                }
            </div>
            <div class="target">
                <CheckField id="f-colima" label={ctx.t(COLIMA)} help={ctx.t(COLIMA_HELP)}
                    checked={p.colima.is_some()} onchange={act(Action::SetColima)} notes={notes_for(&props.notes, Field::Colima)} />
                if let Some(co) = &p.colima {
                    <div class="settings indent">
                        <div class="field">
                            <label for="f-colima-runtime">{ ctx.t(RUNTIME) }</label>
                            <select id="f-colima-runtime" onchange={on_runtime}>
                                <option value="docker" selected={co.runtime == ColimaRuntime::Docker}>{ "docker" }</option>
                                <option value="containerd" selected={co.runtime == ColimaRuntime::Containerd}>{ "containerd" }</option>
                            </select>
                        </div>
                        <TextField id="f-colima-profile" label={ctx.t(COLIMA_PROFILE)} value={co.profile.clone()}
                            oninput={text(Action::SetColimaProfile)} notes={notes_for(&props.notes, Field::ColimaProfile)} />
                    </div>
                }
            </div>
            <div class="target">
                <CheckField id="f-host-env" label={ctx.t(HOST_ENV)} help={ctx.t(HOST_ENV_HELP)}
                    checked={p.host_environment} onchange={act(Action::SetHostEnvironment)} />
            </div>
            <div class="target">
                <CheckField id="f-kubernetes" label={ctx.t(KUBERNETES)} help={ctx.t(KUBERNETES_HELP)}
                    checked={p.kubernetes} onchange={act(Action::SetKubernetes)}
                    notes={notes_for(&props.notes, Field::Profile)} />
            </div>
        </section>
    }
}
