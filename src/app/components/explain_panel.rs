//! "Where does a pull go?": an image reference in, the route out - as a
//! diagram and as the exact requests.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::route_diagram::RouteDiagram;
use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::i18n::Text;
use crate::route::{Route, Via};

#[derive(Properties, PartialEq)]
pub struct ExplainPanelProps {
    pub image: String,
    pub route: Result<Route, Text>,
}

#[function_component]
pub fn ExplainPanel(props: &ExplainPanelProps) -> Html {
    let ctx = use_ctx();
    let on_image = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::SetExplainImage(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let body = match &props.route {
        Err(e) => html! { <p class="note error" id="explain-error">{ e.get(ctx.lang) }</p> },
        Ok(r) => {
            let requests = |list: &[crate::route::Request]| {
                html! {
                    <ol class="requests">
                        { for list.iter().map(|q| {
                            let via = match &r.hosts[q.host].via {
                                Via::Proxy { proxy } => format!("{} {proxy}", ctx.t(PROXY)),
                                Via::Direct { reason } => format!("{}{}{}", ctx.t(DIRECT), ctx.t(COLON), reason.get(ctx.lang)),
                            };
                            html! { <li><code>{ format!("{} {}", q.method, q.url) }</code><span class="help">{ format!(" — {via}") }</span></li> }
                        }) }
                    </ol>
                }
            };
            html! {
                <div id="explain-result">
                    <p><code id="explain-image">{ &r.image }</code></p>
                    <RouteDiagram route={r.clone()} />
                    <p class="label">{ ctx.t(LOOKUP) }</p>
                    <ul class="paths">
                        { for r.lookup.iter().map(|d| {
                            let mark = if Some(&d.path) == r.directory.as_ref() { ctx.t(USED) } else if d.exists { "" } else { ctx.t(ABSENT) };
                            html! { <li class={classes!((Some(&d.path) == r.directory.as_ref()).then_some("on"))}><code>{ format!("{}/hosts.toml", d.path) }</code>{ format!(" {mark}") }</li> }
                        }) }
                    </ul>
                    <p class="label">{ ctx.t(RESOLVE) }</p>
                    { requests(&r.resolve) }
                    { for r.hosts.iter().filter_map(|h| h.resolve_skipped.as_ref().map(|why| html! {
                        <p class="help">{ format!("{} {}{}{}", ctx.t(SKIPPED), h.authority, ctx.t(COLON), why.get(ctx.lang)) }</p>
                    })) }
                    { for r.hosts.iter().filter_map(|h| h.scheme_note.as_ref().map(|n| html! {
                        <p class="help">{ format!("{}: {}", h.authority, n.get(ctx.lang)) }</p>
                    })) }
                    <p class="label">{ ctx.t(FETCH) }</p>
                    { requests(&r.fetch) }
                    <ul class="report">{ for r.notes.iter().map(|n| html! { <li>{ n.get(ctx.lang) }</li> }) }</ul>
                </div>
            }
        }
    };
    html! {
        <section class="card" aria-labelledby="h-explain" id="explain">
            <h2 id="h-explain">{ ctx.t(EXPLAIN) }</h2>
            <p class="help">{ ctx.t(EXPLAIN_HELP) }</p>
            <div class="field">
                <label for="explain-input">{ ctx.t(EXPLAIN_IMAGE) }</label>
                <input type="text" id="explain-input" value={props.image.clone()} oninput={on_image} spellcheck="false"
                    placeholder="nginx:1.27, ghcr.io/org/app@sha256:…, localhost:5000/x" />
            </div>
            { body }
        </section>
    }
}
