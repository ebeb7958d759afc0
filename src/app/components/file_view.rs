//! One file: its purpose, copy and download, and the highlighted text.

use yew::prelude::*;

use super::copy_button::{use_copy, CopyFallback, CopyState};
use super::use_ctx;
use crate::app::browser;
use crate::app::highlight::to_html;
use crate::app::strings::*;
use crate::render::{GeneratedFile, Language};

#[derive(Properties, PartialEq)]
pub struct FileViewProps {
    pub file: GeneratedFile,
    /// The name it downloads as (distinct among the files).
    pub download_name: AttrValue,
}

#[function_component]
pub fn FileView(props: &FileViewProps) -> Html {
    let ctx = use_ctx();
    let f = &props.file;
    let (copy, on_copy) = use_copy(&f.content);
    use_effect_with((), |_| crate::app::browser::mark("mirrorsmith-output"));
    let html = use_memo((f.language, f.content.clone()), |(lang, content)| {
        to_html(*lang, content)
    });
    let on_download = {
        let name = props.download_name.clone();
        let bytes = f.content.clone();
        let mime = match f.language {
            Language::Json => "application/json",
            Language::Shell => "text/x-shellscript",
            _ => "text/plain",
        };
        Callback::from(move |_| browser::download(&name, bytes.as_bytes(), mime))
    };
    html! {
        <div class="file-view">
            <div class="file-head">
                <div>
                    <code class="path" id="preview-path">{ &f.path }</code>
                    <p class="help">{ f.about.get(ctx.lang) }</p>
                </div>
                <div class="file-tools">
                    <button type="button" id="copy-file" onclick={on_copy}>{ ctx.t(copy.label(COPY)) }</button>
                    <button type="button" id="download-file" onclick={on_download}
                        title={props.download_name.clone()}>{ ctx.t(DOWNLOAD) }</button>
                </div>
            </div>
            if copy == CopyState::Failed {
                <CopyFallback select="copy-file-manual" text={AttrValue::from(f.content.clone())} />
            }
            <pre class="code" tabindex="0" aria-label={f.path.clone()}><code id="preview">{ Html::from_html_unchecked(AttrValue::from((*html).clone())) }</code></pre>
        </div>
    }
}
