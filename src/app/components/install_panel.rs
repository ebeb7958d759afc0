//! Getting the files onto nodes: archives, install.sh, a one-line command,
//! colima's own steps, and how to check the result.

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::{use_copy, CopyFallback, CopyState};
use super::errors_warning::ErrorsWarning;
use super::use_ctx;
use crate::app::browser;
use crate::app::strings::*;
use crate::render::{one_liner, tar_gz, zip, FileTree, Step};

#[derive(Properties, PartialEq)]
pub struct InstallPanelProps {
    pub tree: Rc<FileTree>,
    pub verify: Vec<crate::i18n::Text>,
    /// Error findings: what they point at is not in the files.
    pub errors: usize,
    /// colima's apply and verify steps (empty without colima).
    pub colima: Vec<Step>,
}

#[function_component]
pub fn InstallPanel(props: &InstallPanelProps) -> Html {
    let ctx = use_ctx();
    let has_script = props.tree.get("install.sh").is_some();
    // The one-liner embeds the whole archive: built only when asked for,
    // and only when there is an install.sh to run.
    let shown = use_state(|| false);
    let line = use_memo((props.tree.clone(), *shown), |(tree, shown)| {
        shown.then(|| one_liner(tree).ok()).flatten()
    });
    let (copy, copy_line) = use_copy(line.as_deref().unwrap_or(""));
    if props.tree.files.is_empty() {
        return html! {};
    }
    let tgz = {
        let tree = props.tree.clone();
        Callback::from(move |_| {
            browser::download("mirrorsmith.tar.gz", &tar_gz(&tree), "application/gzip")
        })
    };
    let zipped = {
        let tree = props.tree.clone();
        Callback::from(move |_| {
            browser::download("mirrorsmith.zip", &zip(&tree), "application/zip")
        })
    };
    let script = props.tree.get("install.sh").map(|f| {
        let text = f.content.clone();
        Callback::from(move |_| {
            browser::download("install.sh", text.as_bytes(), "text/x-shellscript")
        })
    });
    let show = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(true))
    };
    html! {
        <section class="card" aria-labelledby="h-install" id="install">
            <h2 id="h-install">{ ctx.t(if has_script { INSTALL } else { COLIMA_APPLY }) }</h2>
            <ErrorsWarning id="install-errors" errors={props.errors} />
            <div class="row">
                <button type="button" id="download-tgz" onclick={tgz}>{ format!("{} .tar.gz", ctx.t(DOWNLOAD_ALL)) }</button>
                <button type="button" id="download-zip" onclick={zipped}>{ ".zip" }</button>
                if let Some(onclick) = script {
                    <button type="button" id="download-install" {onclick}>{ "install.sh" }</button>
                }
            </div>
            if has_script {
                <p class="help">{ ctx.t(INSTALL_HELP) }</p>
                <p class="label">{ ctx.t(ONE_LINER) }</p>
                if let Some(line) = &*line {
                    <div class="row">
                        <textarea id="one-liner" class="one-liner" readonly=true rows="3" value={line.clone()} aria-label={ctx.t(ONE_LINER)} />
                        <button type="button" id="copy-one-liner" onclick={copy_line}>{ ctx.t(copy.label(COPY)) }</button>
                    </div>
                    if copy == CopyState::Failed {
                        <CopyFallback select="one-liner" />
                    }
                    <ErrorsWarning id="one-liner-errors" errors={props.errors} />
                } else {
                    <button type="button" id="show-one-liner" class="quiet" onclick={show}>{ ctx.t(SHOW_ONE_LINER) }</button>
                }
            } else {
                <p class="help" id="no-one-liner">{ ctx.t(NO_ONE_LINER) }</p>
            }
            if !props.colima.is_empty() {
                if has_script {
                    <p class="label">{ ctx.t(COLIMA_APPLY) }</p>
                }
                <ol class="steps" id="colima-steps">
                    { for props.colima.iter().map(|s| html! {
                        <li>
                            <span>{ s.text.get(ctx.lang) }</span>
                            <pre class="code small">{ s.commands.join("\n") }</pre>
                        </li>
                    }) }
                </ol>
            }
            if !props.verify.is_empty() {
                <p class="label">{ ctx.t(VERIFY) }</p>
                <pre class="code small" id="verify">{ props.verify.iter().map(|l| l.get(ctx.lang)).collect::<Vec<_>>().join("\n") }</pre>
            }
        </section>
    }
}
