//! The generated files: a list of buttons, the selected file, and whether
//! the preview follows the registry being edited.

use yew::prelude::*;

use super::errors_warning::ErrorsWarning;
use super::file_view::FileView;
use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::render::{FileTree, Install};

#[derive(Properties, PartialEq)]
pub struct OutputPaneProps {
    pub tree: std::rc::Rc<FileTree>,
    /// The path the preview shows ([`AppState::preview_path`]: None only
    /// without files).
    ///
    /// [`AppState::preview_path`]: crate::app::state::AppState::preview_path
    pub selected: Option<String>,
    /// The preview follows edits of a registry to its hosts.toml.
    pub follow: bool,
    pub errors: usize,
}

#[function_component]
pub fn OutputPane(props: &OutputPaneProps) -> Html {
    let ctx = use_ctx();
    let files = &props.tree.files;
    let Some(selected) = props.selected.as_deref().and_then(|p| props.tree.get(p)) else {
        return html! {
            <section class="card output" aria-labelledby="h-output">
                <h2 id="h-output">{ ctx.t(OUTPUT) }</h2>
                <p class="empty">{ ctx.t(NO_FILES) }</p>
            </section>
        };
    };
    let on_follow = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            d.dispatch(Action::SetFollowEdits(on))
        })
    };
    html! {
        <section class="card output" aria-labelledby="h-output" id="output">
            <h2 id="h-output" tabindex="-1">{ ctx.t(OUTPUT) }<span class="count-files">{ files.len() }</span></h2>
            <ErrorsWarning id="files-errors" errors={props.errors} />
            <ul class="file-list" aria-label={ctx.t(OUTPUT)} id="file-list">
                { for files.iter().map(|f| {
                    let on = f.path == selected.path;
                    let onclick = {
                        let d = ctx.dispatch.clone();
                        let path = f.path.clone();
                        Callback::from(move |_| d.dispatch(Action::SelectFile(path.clone())))
                    };
                    let (dir, name) = match f.path.rfind('/') {
                        Some(i) => (&f.path[..=i], &f.path[i + 1..]),
                        None => ("", f.path.as_str()),
                    };
                    html! {
                        <li>
                            <button type="button" class={classes!("file", on.then_some("on"))} {onclick} data-path={f.path.clone()}
                                aria-current={on.then_some("true")}>
                                <span class="dir">{ dir }</span><span class="name">{ name }</span>
                                if f.install == Install::Manual {
                                    <span class="badge">{ ctx.t(NOT_FOR_NODE) }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="check follow">
                <input type="checkbox" id="follow-edits" checked={props.follow} onchange={on_follow} />
                <label for="follow-edits">{ ctx.t(FOLLOW_EDITS) }</label>
            </div>
            <FileView file={selected.clone()} download_name={props.tree.download_name(&selected.path)} />
        </section>
    }
}
