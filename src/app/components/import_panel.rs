//! Step 0: the node's own config.toml and hosts.toml, read into the form,
//! with the report and the diff of the patched file.

use gloo::file::callbacks::FileReader;
use gloo::file::File;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::findings_panel::severity;
use super::use_ctx;
use crate::app::state::{Action, ImportState};
use crate::app::strings::*;
use crate::i18n::Text;
use crate::profile::ContainerdVersion;

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    pub import: ImportState,
    /// Unified diff of the patched config.toml (patch mode only).
    pub diff: Option<String>,
}

#[function_component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let ctx = use_ctx();
    let d = ctx.dispatch.clone();
    let im = &props.import;
    // Keeps a file read alive until it finishes.
    let reader = use_mut_ref(|| None::<FileReader>);
    let on_config = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::SetImportConfig(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            ))
        })
    };
    let on_upload = {
        let d = d.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let d = d.clone();
                let task = gloo::file::callbacks::read_as_text(&File::from(file), move |text| {
                    if let Ok(text) = text {
                        d.dispatch(Action::SetImportConfig(text));
                    }
                });
                *reader.borrow_mut() = Some(task);
            }
        })
    };
    let on_version = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            d.dispatch(Action::SetImportVersion(ContainerdVersion::from_label(&v)));
        })
    };
    let run = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::RunImport))
    };
    let add_hosts = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::AddImportHosts))
    };
    let on_patch = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            d.dispatch(Action::SetPatch(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    let list = |title: T, items: &[Text]| {
        if items.is_empty() {
            return html! {};
        }
        html! {
            <>
                <p class="label">{ ctx.t(title) }</p>
                <ul class="report">{ for items.iter().map(|t| html! { <li>{ t.get(ctx.lang) }</li> }) }</ul>
            </>
        }
    };
    let open = im.report.is_some() || !im.config.is_empty();
    html! {
        <section class="card" aria-labelledby="h-import" id="import">
            <details open={open}>
                <summary><h2 id="h-import" class="inline">{ ctx.t(IMPORT) }</h2></summary>
                <p class="help">{ ctx.t(IMPORT_HELP) }</p>
                <div class="field">
                    <label for="import-config">{ ctx.t(IMPORT_CONFIG) }</label>
                    <textarea id="import-config" rows="6" value={im.config.clone()} oninput={on_config}
                        spellcheck="false" placeholder="version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"docker.io\"]\nendpoint = [\"https://…\"]" />
                </div>
                <div class="row">
                    <label class="upload">{ ctx.t(UPLOAD) }
                        <input type="file" id="import-upload" accept=".toml,text/plain" onchange={on_upload} />
                    </label>
                    <div class="field">
                        <label for="import-version">{ ctx.t(IMPORT_FOR) }</label>
                        <select id="import-version" onchange={on_version}>
                            <option value="" selected={im.version.is_none()}>{ ctx.t(GUESS) }</option>
                            { for ContainerdVersion::ALL.iter().map(|v| html! {
                                <option value={v.label()} selected={im.version == Some(*v)}>{ v.label() }</option>
                            }) }
                        </select>
                    </div>
                </div>
                <p class="label">{ ctx.t(IMPORT_HOSTS) }</p>
                { for im.hosts.iter().zip(&im.host_keys).enumerate().map(|(i, ((dir, text), &key))| {
                    let (d1, d2, d3) = (d.clone(), d.clone(), d.clone());
                    let (t1, dir2) = (text.clone(), dir.clone());
                    html! {
                        <div class="pair hosts-input" {key}>
                            <div class="field">
                                <label for={format!("import-hosts-{i}-dir")}>{ ctx.t(HOSTS_DIR) }</label>
                                <input type="text" id={format!("import-hosts-{i}-dir")} value={dir.clone()} placeholder="docker.io" spellcheck="false"
                                    oninput={Callback::from(move |e: InputEvent| d1.dispatch(Action::SetImportHosts(i, e.target_unchecked_into::<HtmlInputElement>().value(), t1.clone())))} />
                            </div>
                            <div class="field grow">
                                <label for={format!("import-hosts-{i}-text")}>{ ctx.t(HOSTS_TEXT) }</label>
                                <textarea id={format!("import-hosts-{i}-text")} rows="3" value={text.clone()} spellcheck="false"
                                    oninput={Callback::from(move |e: InputEvent| d2.dispatch(Action::SetImportHosts(i, dir2.clone(), e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())))} />
                            </div>
                            <button type="button" class="quiet danger" aria-label={ctx.t(REMOVE)}
                                onclick={Callback::from(move |_| d3.dispatch(Action::RemoveImportHosts(i)))}>{ "✕" }</button>
                        </div>
                    }
                }) }
                <div class="row">
                    <button type="button" class="quiet" id="import-add-hosts" onclick={add_hosts}>{ ctx.t(ADD_HOSTS) }</button>
                    <button type="button" id="import-run" onclick={run}>{ ctx.t(RUN_IMPORT) }</button>
                </div>
                if let Some(r) = &im.report {
                    <div class="import-report" id="import-report" tabindex="-1">
                        { list(UNDERSTOOD, &r.understood) }
                        { list(MIGRATION, &r.steps) }
                        { list(NOT_UNDERSTOOD, &r.not_understood) }
                        if !r.findings.is_empty() {
                            <ul class="finding-list">
                                { for r.findings.iter().map(|f| html! {
                                    <li class={classes!("finding", f.severity.label())}>
                                        <span class="sev">{ ctx.t(severity(f.severity)) }</span>
                                        <span class="code">{ f.code }</span>
                                        <span class="msg">{ f.message.get(ctx.lang) }</span>
                                        <span class="fix">{ format!("{} · {}", f.location, f.fix.get(ctx.lang)) }</span>
                                    </li>
                                }) }
                            </ul>
                        }
                    </div>
                }
                if !im.config.trim().is_empty() {
                    <div class="check">
                        <input type="checkbox" id="import-patch" checked={im.patch} onchange={on_patch} />
                        <label for="import-patch">{ ctx.t(PATCH_MODE) }</label>
                    </div>
                }
                if let Some(diff) = &props.diff {
                    <p class="label">{ ctx.t(DIFF) }</p>
                    if diff.is_empty() {
                        <p class="help">{ ctx.t(NO_CHANGES) }</p>
                    } else {
                        <pre class="code diff" id="import-diff">{ for diff.lines().map(|l| {
                            let class = if l.starts_with("+++") || l.starts_with("---") { "d-h" } else if l.starts_with('+') { "d-add" } else if l.starts_with('-') { "d-del" } else if l.starts_with("@@") { "d-h" } else { "" };
                            html! { <span class={class}>{ l }{ "\n" }</span> }
                        }) }</pre>
                    }
                }
            </details>
        </section>
    }
}
