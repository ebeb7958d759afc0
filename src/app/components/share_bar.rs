//! The share link: always in the address bar, copied with one click; secrets
//! only with an explicit, warned opt-in (which also decides whether this
//! browser's saved session keeps them).

use yew::prelude::*;

use super::check_field::CheckField;
use super::copy_button::{use_copy, CopyFallback, CopyState};
use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub link: String,
    pub include_secrets: bool,
    pub secrets: usize,
}

#[function_component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let ctx = use_ctx();
    let (copy, on_copy) = use_copy(&props.link);
    let on_secrets = {
        let d = ctx.dispatch.clone();
        Callback::from(move |on: bool| d.dispatch(Action::SetIncludeSecrets(on)))
    };
    let label = if copy == CopyState::Copied {
        LINK_COPIED
    } else {
        copy.label(SHARE)
    };
    html! {
        <section class="card share" aria-labelledby="h-share">
            <h2 id="h-share" class="sr-only">{ ctx.t(SHARE) }</h2>
            <div class="row">
                <input type="text" id="share-link" readonly=true value={props.link.clone()} aria-label={ctx.t(SHARE)} />
                <button type="button" id="copy-link" onclick={on_copy}>{ ctx.t(label) }</button>
            </div>
            if copy == CopyState::Failed {
                <CopyFallback select="share-link" />
            }
            <p class="help">{ ctx.t(SHARE_HELP) }
                <span class="length">{ match ctx.lang {
                    Lang::En => format!(" ({})", LINK_LENGTH.get(ctx.lang, props.link.len())),
                    Lang::Zh => format!("（{}）", LINK_LENGTH.get(ctx.lang, props.link.len())),
                } }</span>
            </p>
            if props.secrets > 0 {
                <CheckField id="include-secrets" label={ctx.t(INCLUDE_SECRETS)} checked={props.include_secrets} onchange={on_secrets} />
                if props.include_secrets {
                    <p class="warn" role="alert" id="secrets-note">{ format!("{} {}", ctx.t(SECRETS_WARNING), ctx.t(SECRETS_SAVED)) }</p>
                } else {
                    <p class="help" id="secrets-note">{ SECRETS_LEFT_OUT.get(ctx.lang, props.secrets) }</p>
                }
            }
        </section>
    }
}
