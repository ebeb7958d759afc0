//! Adds a mirror to a registry from a provider preset (with its parameters)
//! or as a custom URL.

use std::collections::BTreeMap;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::use_ctx;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::catalog::{catalog, ProviderStatus};

#[derive(Properties, PartialEq)]
pub struct AddMirrorProps {
    pub registry: usize,
    pub host: String,
}

#[function_component]
pub fn AddMirror(props: &AddMirrorProps) -> Html {
    let ctx = use_ctx();
    let offered: Vec<_> = catalog()
        .providers
        .iter()
        .filter(|p| p.offered() && p.supports(&props.host))
        .collect();
    let default_id = offered
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_else(|| "custom".into());
    let chosen = use_state(|| default_id.clone());
    let params = use_state(BTreeMap::<String, String>::new);
    // The registry may change under the picker: fall back to what it offers.
    let provider = offered
        .iter()
        .find(|p| p.id == *chosen)
        .or(offered.first())
        .copied();
    let Some(provider) = provider else {
        return html! {};
    };
    let base = format!("f-r{}-add", props.registry);
    let on_provider = {
        let chosen = chosen.clone();
        let params = params.clone();
        Callback::from(move |e: Event| {
            chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value());
            params.set(BTreeMap::new());
        })
    };
    let add = {
        let d = ctx.dispatch.clone();
        let params = params.clone();
        let host = props.host.clone();
        let registry = props.registry;
        let provider = provider.clone();
        Callback::from(move |_: MouseEvent| {
            let upstream = catalog()
                .registry(&host)
                .map(|r| r.upstream.clone())
                .unwrap_or_else(|| format!("https://{host}"));
            if let Some(m) = provider.mirror_for(&host, &upstream, &params) {
                d.dispatch(Action::AddMirror(registry, m));
                params.set(BTreeMap::new());
            }
        })
    };
    let everywhere = (provider.params.is_empty() && provider.hosts.len() > 1).then(|| {
        let d = ctx.dispatch.clone();
        let id = provider.id.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::UseProviderEverywhere(id.clone())))
    });
    let note = ctx.pick(&provider.note, &provider.note_zh);
    html! {
        <div class="add-mirror">
            <div class="row">
                <div class="field">
                    <label for={format!("{base}-provider")}>{ ctx.t(ADD_MIRROR) }</label>
                    <select id={format!("{base}-provider")} onchange={on_provider}>
                        { for offered.iter().map(|p| html! {
                            <option value={p.id.clone()} selected={p.id == provider.id}>
                                { ctx.pick(&p.name, &p.name_zh) }
                                { if p.status == ProviderStatus::Unreliable { " ⚠" } else { "" } }
                            </option>
                        }) }
                    </select>
                </div>
                { for provider.params.iter().map(|param| {
                    let handle = params.clone();
                    let name = param.name.clone();
                    let oninput = Callback::from(move |e: InputEvent| {
                        let mut next = (*handle).clone();
                        next.insert(name.clone(), e.target_unchecked_into::<HtmlInputElement>().value());
                        handle.set(next);
                    });
                    let pid = format!("{base}-{}", param.name);
                    html! {
                        <div class="field">
                            <label for={pid.clone()}>{ ctx.pick(&param.label, &param.label_zh) }</label>
                            <input id={pid} type="text" placeholder={param.example.clone()} spellcheck="false" autocomplete="off"
                                value={params.get(&param.name).cloned().unwrap_or_default()} {oninput} />
                        </div>
                    }
                }) }
                <button type="button" id={format!("{base}-button")} onclick={add}>{ ctx.t(ADD) }</button>
                if let Some(onclick) = everywhere {
                    <button type="button" class="quiet" {onclick}>{ ctx.t(EVERYWHERE) }</button>
                }
            </div>
            if !note.is_empty() {
                <p class="help">{ note }{ format!(" ({} {})", ctx.t(DATA_AS_OF), catalog().providers_as_of) }</p>
            }
        </div>
    }
}
