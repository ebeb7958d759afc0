//! Title, preset picker, language and theme.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::use_ctx;
use crate::app::state::{Action, Theme};
use crate::app::strings::*;
use crate::i18n::Lang;
use crate::preset::presets;

#[derive(Properties, PartialEq)]
pub struct HeaderBarProps {
    pub theme: Theme,
}

#[function_component]
pub fn HeaderBar(props: &HeaderBarProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let on_preset = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let id = select.value();
            if !id.is_empty() {
                d.dispatch(Action::LoadPreset(id));
                select.set_value("");
            }
        })
    };
    let set_lang = |l: Lang| {
        let d = ctx.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::SetLang(l)))
    };
    let on_theme = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            let theme = match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => Theme::Auto,
            };
            d.dispatch(Action::SetTheme(theme));
        })
    };
    let theme_option = |t: Theme, value: &'static str, label: T| {
        html! { <option {value} selected={props.theme == t}>{ label.get(lang) }</option> }
    };
    html! {
        <header class="top">
            <div class="brand">
                <h1>{ "Mirrorsmith" }</h1>
                <p class="tagline">{ ctx.t(TAGLINE) }</p>
            </div>
            <div class="top-tools">
                <label class="sr-only" for="preset">{ ctx.t(PRESET) }</label>
                <select id="preset" class="preset-picker" onchange={on_preset} title={ctx.t(PRESET)}>
                    <option value="" selected=true>{ ctx.t(PRESET_PICK) }</option>
                    { for presets().iter().map(|p| html! {
                        <option value={p.preset.id.clone()} title={ctx.pick(&p.preset.description, &p.preset.description_zh).to_string()}>
                            { ctx.pick(&p.preset.name, &p.preset.name_zh) }
                        </option>
                    }) }
                </select>
                <div class="seg" role="group" aria-label={ctx.t(LANGUAGE)}>
                    <button type="button" id="lang-en" aria-pressed={(lang == Lang::En).to_string()} onclick={set_lang(Lang::En)}>{ "EN" }</button>
                    <button type="button" id="lang-zh" aria-pressed={(lang == Lang::Zh).to_string()} onclick={set_lang(Lang::Zh)}>{ "中文" }</button>
                </div>
                <label class="sr-only" for="theme">{ ctx.t(THEME) }</label>
                <select id="theme" onchange={on_theme} title={ctx.t(THEME)}>
                    { theme_option(Theme::Auto, "auto", THEME_AUTO) }
                    { theme_option(Theme::Light, "light", THEME_LIGHT) }
                    { theme_option(Theme::Dark, "dark", THEME_DARK) }
                </select>
            </div>
        </header>
    }
}
