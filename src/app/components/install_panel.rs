//! Getting the files onto nodes: archives, install.sh, a one-line command,
//! colima's own steps, and how to check the result.

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::{use_copy, CopyFallback, CopyState};
use super::errors_warning::ErrorsWarning;
use super::use_ctx;
use crate::app::strings::*;
use crate::app::{archiver, browser};
use crate::render::{one_liner_with, ArchiveFormat, FileTree, Step};

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
    // Archives come from the archive worker (app/archiver.rs), loaded on
    // first use: which download is being built, and whether it failed.
    let busy = use_state(|| None::<ArchiveFormat>);
    let failed = use_state(|| false);
    // The one-liner embeds the whole archive: built only when asked for,
    // and only when there is an install.sh to run; again for each new tree
    // while it is shown. It belongs to the tree it was built from.
    let shown = use_state(|| false);
    let built = use_state(|| None::<(Rc<FileTree>, Rc<str>)>);
    {
        let (built, failed) = (built.clone(), failed.clone());
        use_effect_with(
            (props.tree.clone(), *shown && has_script),
            move |(tree, wanted)| {
                if *wanted {
                    let tree = tree.clone();
                    archiver::build(
                        &tree.clone(),
                        ArchiveFormat::TarGz,
                        move |bytes| match bytes {
                            Ok(bytes) => {
                                failed.set(false);
                                built.set(Some((tree, one_liner_with(&bytes).into())));
                            }
                            Err(()) => failed.set(true),
                        },
                    );
                }
            },
        );
    }
    let line = built
        .as_ref()
        .filter(|(tree, _)| Rc::ptr_eq(tree, &props.tree))
        .map(|(_, line)| line.clone());
    let (copy, copy_line) = use_copy(line.as_deref().unwrap_or(""));
    if props.tree.files.is_empty() {
        return html! {};
    }
    let download = |format: ArchiveFormat, name: &'static str, mime: &'static str| {
        let (tree, busy, failed) = (props.tree.clone(), busy.clone(), failed.clone());
        Callback::from(move |_| {
            busy.set(Some(format));
            let (busy, failed) = (busy.clone(), failed.clone());
            archiver::build(&tree, format, move |bytes| {
                busy.set(None);
                match bytes {
                    Ok(bytes) => {
                        failed.set(false);
                        browser::download(name, &bytes, mime);
                    }
                    Err(()) => failed.set(true),
                }
            });
        })
    };
    let tgz = download(
        ArchiveFormat::TarGz,
        "mirrorsmith.tar.gz",
        "application/gzip",
    );
    let zipped = download(ArchiveFormat::Zip, "mirrorsmith.zip", "application/zip");
    let label = |format: ArchiveFormat, text: String| {
        if *busy == Some(format) {
            ctx.t(PREPARING).to_string()
        } else {
            text
        }
    };
    let warm = Callback::from(|_: PointerEvent| archiver::warm());
    let warm_focus = Callback::from(|_: FocusEvent| archiver::warm());
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
        <section class="card" aria-labelledby="h-install" id="install" onpointerenter={warm} onfocusin={warm_focus}>
            <h2 id="h-install">{ ctx.t(if has_script { INSTALL } else { COLIMA_APPLY }) }</h2>
            <ErrorsWarning id="install-errors" errors={props.errors} />
            <div class="row">
                <button type="button" id="download-tgz" onclick={tgz} aria-busy={(*busy == Some(ArchiveFormat::TarGz)).to_string()}>{ label(ArchiveFormat::TarGz, format!("{} .tar.gz", ctx.t(DOWNLOAD_ALL))) }</button>
                <button type="button" id="download-zip" onclick={zipped} aria-busy={(*busy == Some(ArchiveFormat::Zip)).to_string()}>{ label(ArchiveFormat::Zip, ".zip".to_string()) }</button>
                if let Some(onclick) = script {
                    <button type="button" id="download-install" {onclick}>{ "install.sh" }</button>
                }
            </div>
            if *failed {
                <p class="warn" role="alert" id="archive-failed">{ ctx.t(ARCHIVE_FAILED) }</p>
            }
            if has_script {
                <p class="help">{ ctx.t(INSTALL_HELP) }</p>
                <p class="label">{ ctx.t(ONE_LINER) }</p>
                if let Some(line) = &line {
                    <div class="row">
                        <textarea id="one-liner" class="one-liner" readonly=true rows="3" value={line.to_string()} aria-label={ctx.t(ONE_LINER)} />
                        <button type="button" id="copy-one-liner" onclick={copy_line}>{ ctx.t(copy.label(COPY)) }</button>
                    </div>
                    if copy == CopyState::Failed {
                        <CopyFallback select="one-liner" />
                    }
                    <ErrorsWarning id="one-liner-errors" errors={props.errors} />
                } else if *shown {
                    <p class="help" id="one-liner-busy" aria-live="polite">{ ctx.t(PREPARING) }</p>
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
