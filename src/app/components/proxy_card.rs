//! Step 3: HTTP(S)_PROXY, NO_PROXY bundles and extra entries.

use yew::prelude::*;

use super::check_field::CheckField;
use super::field_notes::FieldNotes;
use super::text_field::TextField;
use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::catalog::catalog;
use crate::check::Finding;
use crate::plan::Field;
use crate::profile::Proxy;

#[derive(Properties, PartialEq)]
pub struct ProxyCardProps {
    pub proxy: Proxy,
    pub notes: Vec<Finding>,
    /// The NO_PROXY value the files get.
    pub effective: String,
    /// Where the proxy is written (file paths).
    pub destinations: Vec<String>,
    /// The loopback bundle was switched on by the app (say so).
    #[prop_or_default]
    pub auto_loopback: bool,
}

#[function_component]
pub fn ProxyCard(props: &ProxyCardProps) -> Html {
    let ctx = use_ctx();
    let p = &props.proxy;
    let d = &ctx.dispatch;
    let only = |pick: fn(&Field) -> bool| {
        props
            .notes
            .iter()
            .filter(|n| pick(&n.field))
            .cloned()
            .collect::<Vec<_>>()
    };
    let text = |f: fn(String) -> Action| {
        let d = d.clone();
        Callback::from(move |s: String| d.dispatch(f(s)))
    };
    let boolean = |f: fn(bool) -> Action| {
        let d = d.clone();
        Callback::from(move |v: bool| d.dispatch(f(v)))
    };
    let same = {
        let d = d.clone();
        let http = p.http.clone();
        Callback::from(move |_| d.dispatch(Action::SetProxyHttps(http.clone())))
    };
    html! {
        <section class="card" aria-labelledby="h-proxy">
            <h2 id="h-proxy">{ ctx.t(STEP_PROXY) }</h2>
            <TextField id="f-proxy-http" label={ctx.t(HTTP_PROXY)} value={p.http.clone()} placeholder="http://proxy.example.com:3128"
                oninput={text(Action::SetProxyHttp)} notes={only(|f| *f == Field::ProxyHttp)} />
            <div class="row">
                <TextField id="f-proxy-https" label={ctx.t(HTTPS_PROXY)} value={p.https.clone()} placeholder="http://proxy.example.com:3128"
                    oninput={text(Action::SetProxyHttps)} notes={only(|f| *f == Field::ProxyHttps)} class="grow" />
                <button type="button" class="quiet" disabled={p.http.trim().is_empty() || p.http == p.https} onclick={same}>{ ctx.t(SAME_AS_HTTP) }</button>
            </div>
            <p class="label" id="f-no-proxy-presets" tabindex="-1">{ ctx.t(NO_PROXY_PRESETS) }</p>
            <div class="chips">
                { for catalog().no_proxy.iter().map(|preset| {
                    let on = p.presets.contains(&preset.id);
                    let onclick = {
                        let d = d.clone();
                        let id = preset.id.clone();
                        Callback::from(move |_| d.dispatch(Action::ToggleNoProxyPreset(id.clone())))
                    };
                    // The entries, and what the bundle is for when it says.
                    let description = ctx.pick(&preset.description, &preset.description_zh);
                    let title = if description.is_empty() { preset.entries.join(", ") } else { description.to_string() };
                    html! {
                        <button type="button" class="chip" aria-pressed={on.to_string()} {title} {onclick}>
                            { ctx.pick(&preset.name, &preset.name_zh) }
                        </button>
                    }
                }) }
            </div>
            if props.auto_loopback {
                <p class="help" id="auto-loopback">{ ctx.t(AUTO_LOOPBACK) }</p>
            }
            <FieldNotes id="f-no-proxy-presets" notes={only(|f| matches!(f, Field::NoProxyPreset(_)))} />
            <TextField id="f-no-proxy" label={ctx.t(NO_PROXY_EXTRA)} value={p.no_proxy.join("\n")} rows={3}
                placeholder={ctx.t(NO_PROXY_PLACEHOLDER)} oninput={text(Action::SetNoProxy)}
                notes={only(|f| matches!(f, Field::NoProxy(_)))} />
            <CheckField id="f-mirrors-bypass" label={ctx.t(MIRRORS_BYPASS)} checked={p.mirrors_bypass} onchange={boolean(Action::SetMirrorsBypass)} />
            <CheckField id="f-k3s" label={ctx.t(K3S)} checked={p.k3s} onchange={boolean(Action::SetK3s)} />
            if !props.effective.is_empty() {
                <div class="result">
                    <p class="label">{ ctx.t(NO_PROXY_RESULT) }</p>
                    <code id="no-proxy-value">{ &props.effective }</code>
                </div>
            }
            if !props.destinations.is_empty() {
                <div class="result">
                    <p class="label">{ ctx.t(PROXY_WHERE) }</p>
                    <ul class="paths">{ for props.destinations.iter().map(|d| html! { <li><code>{ d }</code></li> }) }</ul>
                </div>
            }
        </section>
    }
}
