//! The root: state, the derived view, the page URL and the layout.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::explain_panel::ExplainPanel;
use super::findings_panel::FindingsPanel;
use super::header_bar::HeaderBar;
use super::import_panel::ImportPanel;
use super::install_panel::InstallPanel;
use super::node_card::NodeCard;
use super::notice_bar::NoticeBar;
use super::output_pane::OutputPane;
use super::proxy_card::ProxyCard;
use super::registries_card::RegistriesCard;
use super::share_bar::ShareBar;
use super::summary_bar::SummaryBar;
use super::targets_card::{Targets, TargetsCard};
use super::Ctx;
use crate::app::browser;
use crate::app::derived::Derived;
use crate::app::state::{session_copy, starter_profile, Action, AppState, Theme};
use crate::app::strings::DATA_AS_OF;
use crate::plan::Field;
use crate::share;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

/// The profile to start with: the link in the address bar, else the last
/// session, else the starter. A link that replaces a different last
/// session says so and offers it back (Undo); a link that cannot be read
/// leaves a notice, the last session on offer and both untouched until
/// the user acts.
fn initial() -> AppState {
    let lang = browser::initial_lang();
    let saved = browser::saved_profile();
    let fragment = browser::fragment();
    let mut state = if fragment.contains("p=") {
        match share::decode(&fragment) {
            Ok(p) => match saved {
                Some(s) => AppState::new(s.clone(), lang).apply(Action::LoadProfile {
                    profile: p,
                    saved: Some(s),
                }),
                None => AppState::new(p, lang),
            },
            Err(e) => AppState::new(starter_profile(), lang).apply(Action::LinkFailed {
                text: e.describe(),
                saved,
            }),
        }
    } else {
        AppState::new(saved.unwrap_or_else(starter_profile), lang)
    };
    state.theme = match browser::saved_theme().as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::Auto,
    };
    state
}

fn theme_name(t: Theme) -> &'static str {
    match t {
        Theme::Auto => "auto",
        Theme::Light => "light",
        Theme::Dark => "dark",
    }
}

#[function_component]
pub fn App() -> Html {
    // Read once: setting state during the first render would render twice.
    let state = use_reducer(initial);
    let base = use_memo((), |_| browser::page_base());
    // Patch mode renders the node's own config.toml; it is part of the memo key.
    let patch_base = state.import.patch.then(|| state.import.config.clone());
    let derived = use_memo(
        (state.profile.clone(), base.clone(), patch_base.clone()),
        |(p, base, patch)| Rc::new(Derived::new(p, base, patch.as_deref())),
    );
    let derived: Rc<Derived> = (*derived).clone();
    let tree = use_memo(derived.clone(), |d| d.tree.clone());
    let tree: Rc<crate::render::FileTree> = tree;

    // The address bar always holds the profile (secrets only when asked).
    let link = if state.include_secrets {
        share::link(&base, &state.profile, true)
    } else {
        derived.tree.link.clone()
    };
    {
        // The address bar and the saved session follow the profile once
        // typing pauses: replaceState and localStorage cost more than a
        // whole render, and "Copy link" always uses the live link.
        // While a link that could not be opened is on screen, neither: a
        // reload must find the bad link and the last session as they were.
        let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        use_effect_with(
            (
                link.clone(),
                state.profile.clone(),
                state.include_secrets,
                state.may_save(),
            ),
            move |(link, profile, secrets, may_save)| {
                if !*may_save {
                    *pending.borrow_mut() = None;
                    return;
                }
                let (link, profile, secrets) = (link.clone(), profile.clone(), *secrets);
                *pending.borrow_mut() =
                    Some(gloo::timers::callback::Timeout::new(250, move || {
                        browser::replace_fragment(&link);
                        browser::save_profile(&session_copy(&profile, secrets));
                    }));
            },
        );
    }
    // Every component has rendered: focus what the last action asked for.
    use_effect(browser::run_after_render);
    use_effect_with((), |_| {
        // The first render is on screen: form usable, files shown.
        browser::remove_loading_note();
        browser::mark("mirrorsmith-interactive");
    });
    {
        let first = use_mut_ref(|| true);
        use_effect_with((state.lang, state.theme), move |(lang, theme)| {
            browser::apply_document_settings(*lang, theme_name(*theme));
            // Nothing to save on the first render: it was just read.
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::save_lang(*lang);
                browser::save_theme(theme_name(*theme));
            }
        });
    }
    {
        // A link pasted into the address bar of the open page.
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    let fragment = browser::fragment();
                    if !fragment.contains("p=") {
                        return;
                    }
                    // A bad link keeps the form as it is (nothing to lose)
                    // and holds the address and the session like on load.
                    match share::decode(&fragment) {
                        Ok(p) => dispatch.dispatch(Action::LoadProfile {
                            profile: p,
                            saved: browser::saved_profile(),
                        }),
                        Err(e) => dispatch.dispatch(Action::LinkFailed {
                            text: e.describe(),
                            saved: browser::saved_profile(),
                        }),
                    }
                })
            });
            move || drop(listener)
        });
    }

    let diff = use_memo((state.profile.clone(), patch_base), |(p, base)| {
        base.as_ref()
            .and_then(|b| crate::import::patch(b, p).ok())
            .map(|x| x.diff)
    });
    let route = use_memo(
        (state.profile.clone(), state.explain_image.clone()),
        |(p, image)| crate::route::explain(&crate::plan::Plan::new(p), image),
    );

    let ctx = Ctx {
        dispatch: state.dispatcher(),
        lang: state.lang,
    };
    let p = &state.profile;
    let d = &derived;
    let preview = state.preview_path(&tree.paths()).map(str::to_string);
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <HeaderBar theme={state.theme} />
            <SummaryBar summary={d.summary} />
            if let Some(n) = &state.notice {
                <NoticeBar notice={n.clone()} />
            }
            <main class="layout">
                <div class="form">
                    <ImportPanel import={state.import.clone()} diff={(*diff).clone()} />
                    <TargetsCard targets={Targets::of(p)}
                        notes={d.about(|f| matches!(f, Field::Profile | Field::Kubernetes | Field::ContainerdVersion | Field::ContainerdConfig | Field::ConfigPath | Field::Docker | Field::Colima | Field::ColimaProfile))} />
                    <RegistriesCard registries={p.registries.clone()} version={p.containerd.as_ref().map(|c| c.version)}
                        keys={state.keys.clone()} folded={(0..p.registries.len()).map(|i| state.is_collapsed(i)).collect::<Vec<_>>()}
                        notes={d.about(|f| f.registry().is_some())} />
                    <ProxyCard proxy={p.proxy.clone()} notes={d.about(Field::is_proxy)} effective={d.no_proxy.clone()}
                        destinations={d.proxy_files.clone()} auto_loopback={state.auto_loopback} />
                    <NodeCard sandbox_image={p.sandbox_image.clone()} systemd_cgroup={p.systemd_cgroup}
                        notes={d.about(|f| matches!(f, Field::SandboxImage | Field::SystemdCgroup))} />
                </div>
                <div class="out">
                    <FindingsPanel findings={d.findings.clone()} summary={d.summary} />
                    <ShareBar link={link} include_secrets={state.include_secrets} secrets={d.secrets} />
                    <OutputPane tree={tree.clone()} selected={preview} follow={state.follow_edits} errors={d.summary.errors} />
                    <InstallPanel tree={tree} verify={d.verify.clone()} errors={d.summary.errors}
                        colima={d.colima.clone()} />
                    <ExplainPanel image={state.explain_image.clone()} route={(*route).clone()} />
                </div>
            </main>
            <footer class="foot">
                <span>{ format!("Mirrorsmith {}", crate::VERSION) }</span>
                <span>{ format!(" · {} {}", DATA_AS_OF.get(state.lang), crate::catalog::catalog().providers_as_of) }</span>
            </footer>
        </ContextProvider<Ctx>>
    }
}
