//! Step 2: registries as catalog chips plus custom ones, each with its mirrors.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::registry_card::RegistryCard;
use super::use_ctx;
use crate::app::derived::field_id;
use crate::app::state::Action;
use crate::app::strings::*;
use crate::catalog::catalog;
use crate::check::Finding;
use crate::plan::Field;
use crate::profile::{ContainerdVersion, Registry};

#[derive(Properties, PartialEq)]
pub struct RegistriesCardProps {
    pub registries: Vec<Registry>,
    /// Findings about registries and mirrors (all of them; split per card here).
    pub notes: Vec<Finding>,
    pub version: Option<ContainerdVersion>,
}

#[function_component]
pub fn RegistriesCard(props: &RegistriesCardProps) -> Html {
    let ctx = use_ctx();
    let custom = use_state(String::new);
    let add_custom = {
        let d = ctx.dispatch.clone();
        let custom = custom.clone();
        Callback::from(move |_| {
            if !custom.trim().is_empty() {
                d.dispatch(Action::AddRegistry((*custom).clone()));
                custom.set(String::new());
            }
        })
    };
    let on_custom = {
        let custom = custom.clone();
        Callback::from(move |e: InputEvent| {
            custom.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_key = {
        let add = add_custom.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                add.emit(());
            }
        })
    };
    let chip = |host: &str, name: &str| {
        let present = props.registries.iter().position(|r| r.host.trim() == host);
        let onclick = {
            let d = ctx.dispatch.clone();
            let host = host.to_string();
            Callback::from(move |_| match present {
                Some(i) => crate::app::browser::focus(&field_id(&Field::RegistryHost(i))),
                None => d.dispatch(Action::AddRegistry(host.clone())),
            })
        };
        html! {
            <button type="button" class="chip" aria-pressed={present.is_some().to_string()} title={name.to_string()} {onclick}>
                { host }
            </button>
        }
    };
    html! {
        <section class="card" aria-labelledby="h-registries">
            <h2 id="h-registries">{ ctx.t(STEP_REGISTRIES) }</h2>
            <p class="label">{ ctx.t(CATALOG) }</p>
            <div class="chips" id="catalog">
                { for catalog().registries.iter().map(|r| chip(&r.host, &r.name)) }
            </div>
            <div class="add-row">
                <label for="f-new-registry" class="sr-only">{ ctx.t(CUSTOM_REGISTRY) }</label>
                <input id="f-new-registry" type="text" placeholder={ctx.t(CUSTOM_REGISTRY)} value={(*custom).clone()}
                    oninput={on_custom} onkeydown={on_key} spellcheck="false" autocomplete="off" />
                <button type="button" onclick={add_custom.reform(|_: MouseEvent| ())}>{ ctx.t(ADD) }</button>
            </div>
            if props.registries.is_empty() {
                <p class="empty">{ ctx.t(NO_REGISTRIES) }</p>
            }
            { for props.registries.iter().enumerate().map(|(i, r)| html! {
                <RegistryCard key={i} index={i} registry={r.clone()} version={props.version}
                    notes={props.notes.iter().filter(|f| f.field.registry() == Some(i)).cloned().collect::<Vec<_>>()} />
            }) }
        </section>
    }
}
