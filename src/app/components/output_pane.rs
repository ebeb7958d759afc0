//! The generated files: a list grouped as a tree, and the selected file.

use yew::prelude::*;

use super::file_view::FileView;
use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::render::{FileTree, Install};

#[derive(Properties, PartialEq)]
pub struct OutputPaneProps {
    pub tree: std::rc::Rc<FileTree>,
    pub selected: Option<String>,
}

#[function_component]
pub fn OutputPane(props: &OutputPaneProps) -> Html {
    let ctx = use_ctx();
    let files = &props.tree.files;
    if files.is_empty() {
        return html! {
            <section class="card output" aria-labelledby="h-output">
                <h2 id="h-output">{ ctx.t(OUTPUT) }</h2>
                <p class="empty">{ ctx.t(NO_FILES) }</p>
            </section>
        };
    }
    let selected = props
        .selected
        .as_ref()
        .and_then(|p| files.iter().find(|f| &f.path == p))
        .unwrap_or(&files[0]);
    html! {
        <section class="card output" aria-labelledby="h-output">
            <h2 id="h-output">{ ctx.t(OUTPUT) }<span class="count-files">{ files.len() }</span></h2>
            <ul class="file-list" role="listbox" aria-label={ctx.t(OUTPUT)} id="file-list">
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
                        <li role="option" aria-selected={on.to_string()}>
                            <button type="button" class={classes!("file", on.then_some("on"))} {onclick} data-path={f.path.clone()}>
                                <span class="dir">{ dir }</span><span class="name">{ name }</span>
                                if f.install == Install::Manual {
                                    <span class="badge">{ ctx.t(NOT_FOR_NODE) }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <FileView file={selected.clone()} />
        </section>
    }
}
