//! Step 2: registries as catalog chips plus custom ones, each with its mirrors.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::registry_card::RegistryCard;
use super::use_ctx;
use crate::app::derived::field_id;
use crate::app::state::{Action, Keys};
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
    /// Stable keys of the registries and mirrors.
    pub keys: Keys,
    /// Per registry, in order: its card is folded ([`AppState::is_collapsed`]).
    ///
    /// [`AppState::is_collapsed`]: crate::app::state::AppState::is_collapsed
    pub folded: Vec<bool>,
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
                Some(i) => {
                    d.dispatch(Action::SetCollapsed(i, false));
                    let id = field_id(&Field::RegistryHost(i));
                    crate::app::browser::after_render(move || crate::app::browser::focus(&id));
                }
                None => d.dispatch(Action::AddRegistry(host.clone())),
            })
        };
        html! {
            <button type="button" class="chip" aria-pressed={present.is_some().to_string()} title={name.to_string()} {onclick}>
                { host }
            </button>
        }
    };
    let fold_all = |on: bool| {
        let d = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetAllCollapsed(on)))
    };
    let all_folded = props.folded.iter().all(|f| *f);
    html! {
        <section class="card" aria-labelledby="h-registries">
            <h2 id="h-registries">
                { ctx.t(STEP_REGISTRIES) }
                if props.registries.len() > 1 {
                    <span class="h-tools">
                        if all_folded {
                            <button type="button" class="quiet small" id="expand-all" onclick={fold_all(false)}>{ ctx.t(EXPAND_ALL) }</button>
                        } else {
                            <button type="button" class="quiet small" id="collapse-all" onclick={fold_all(true)}>{ ctx.t(COLLAPSE_ALL) }</button>
                        }
                    </span>
                }
            </h2>
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
            { for props.registries.iter().enumerate().map(|(i, r)| {
                let key = props.keys.registry(i);
                html! {
                    <RegistryCard key={key} index={i} registry={r.clone()} version={props.version}
                        collapsed={props.folded.get(i).copied().unwrap_or_default()}
                        mirror_keys={props.keys.mirrors(i).to_vec()}
                        notes={props.notes.iter().filter(|f| f.field.registry() == Some(i)).cloned().collect::<Vec<_>>()} />
                }
            }) }
        </section>
    }
}
