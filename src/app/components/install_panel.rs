//! Getting the files onto nodes: archives, install.sh, a one-line command,
//! and how to check the result.

use yew::prelude::*;

use super::use_ctx;
use crate::app::browser;
use crate::app::strings::*;
use crate::render::{one_liner, tar_gz, zip, FileTree};

#[derive(Properties, PartialEq)]
pub struct InstallPanelProps {
    pub tree: std::rc::Rc<FileTree>,
    pub verify: Vec<String>,
    /// Why nothing installs on a node (a colima-only profile), if so.
    pub no_install: Option<crate::i18n::Text>,
}

#[function_component]
pub fn InstallPanel(props: &InstallPanelProps) -> Html {
    let ctx = use_ctx();
    // The one-liner embeds the whole archive: built only when asked for.
    let shown = use_state(|| false);
    let copied = use_state(|| false);
    let line = use_memo((props.tree.clone(), *shown), |(tree, shown)| {
        shown.then(|| one_liner(tree).ok()).flatten()
    });
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
        let copied = copied.clone();
        Callback::from(move |_| {
            shown.set(true);
            copied.set(false);
        })
    };
    let copy_line = {
        let line = (*line).clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            if let Some(l) = &line {
                copied.set(browser::copy(l));
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="h-install" id="install">
            <h2 id="h-install">{ ctx.t(INSTALL) }</h2>
            <div class="row">
                <button type="button" id="download-tgz" onclick={tgz}>{ format!("{} .tar.gz", ctx.t(DOWNLOAD_ALL)) }</button>
                <button type="button" id="download-zip" onclick={zipped}>{ ".zip" }</button>
                if let Some(onclick) = script {
                    <button type="button" id="download-install" {onclick}>{ "install.sh" }</button>
                }
            </div>
            // No install.sh: explain instead of offering a command that
            // would run one the archive does not have.
            if let Some(why) = &props.no_install {
                <p class="note" id="one-liner-none">{ why.get(ctx.lang) }</p>
            } else {
                <p class="help">{ ctx.t(INSTALL_HELP) }</p>
                <p class="label">{ ctx.t(ONE_LINER) }</p>
                if let Some(line) = &*line {
                    <div class="row">
                        <textarea id="one-liner" readonly=true rows="3" value={line.clone()} aria-label={ctx.t(ONE_LINER)} />
                        <button type="button" id="copy-one-liner" onclick={copy_line}>{ if *copied { ctx.t(COPIED) } else { ctx.t(COPY) } }</button>
                    </div>
                } else {
                    <button type="button" id="show-one-liner" class="quiet" onclick={show}>{ ctx.t(SHOW_ONE_LINER) }</button>
                }
            }
            if !props.verify.is_empty() {
                <p class="label">{ ctx.t(VERIFY) }</p>
                <pre class="code small" id="verify">{ props.verify.join("\n") }</pre>
            }
        </section>
    }
}
