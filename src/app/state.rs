//! App state: the profile being edited plus what the page shows, changed
//! only by [`Action`]s through [`AppState::apply`], a pure function.

use serde::{Deserialize, Serialize};

use crate::app::strings::N_REGISTRIES;
use crate::catalog::{catalog, ProviderKind};
use crate::i18n::{Lang, Text};
use crate::import::{import, HostsInput, Imported};
use crate::plan::RegistryHost;
use crate::preset::preset;
use crate::profile::{
    Capability, ClientCert, ColimaRuntime, ColimaTarget, ConfigStyle, ContainerdTarget,
    ContainerdVersion, DockerEngine, DockerTarget, Header, Mirror, Profile, Registry,
};
use crate::text;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system (prefers-color-scheme).
    #[default]
    Auto,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A button of a notice. It belongs to its notice: it goes when the notice
/// goes or is replaced, and so does what it would bring back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NoticeAction {
    /// Bring back the form before the preset, link, import or removal.
    Undo,
    /// Bring back the session this browser had saved.
    Restore,
}

/// A message above the form (a link that could not be opened, a preset loaded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: Text,
    /// Stays through edits until dismissed (a link that could not be
    /// opened); other notices go with the next edit of the profile.
    pub sticky: bool,
    /// The id of the element the notice is about (the import report).
    pub target: Option<&'static str>,
    /// Its buttons besides dismiss and the jump to `target`.
    pub actions: Vec<NoticeAction>,
}

impl Notice {
    pub fn info(text: Text) -> Notice {
        Notice {
            kind: NoticeKind::Info,
            text,
            sticky: false,
            target: None,
            actions: Vec::new(),
        }
    }

    pub fn error(text: Text) -> Notice {
        Notice {
            kind: NoticeKind::Error,
            ..Notice::info(text)
        }
    }

    /// The notice with one more button.
    pub fn with(mut self, action: NoticeAction) -> Notice {
        self.actions.push(action);
        self
    }

    pub fn offers(&self, action: NoticeAction) -> bool {
        self.actions.contains(&action)
    }
}

/// What the user pasted or uploaded to import, and what came of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportState {
    /// The node's config.toml.
    pub config: String,
    /// hosts.toml files: (directory name, text).
    pub hosts: Vec<(String, String)>,
    /// A stable key per entry of `hosts`, in order (from [`Keys`]' counter).
    pub host_keys: Vec<u64>,
    /// The containerd the files are for; guessed when None.
    pub version: Option<ContainerdVersion>,
    /// The report of the last import (its profile went into the form
    /// unless the files could not be read).
    pub report: Option<Imported>,
    /// Render the node's config.toml patched instead of a new one.
    pub patch: bool,
}

/// What "Undo" brings back: the form before a preset, a link, an import
/// or a removal, and how the page showed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Undo {
    pub profile: Profile,
    pub patch: bool,
    view: View,
}

/// What the page shows of a profile besides the profile itself: card
/// identities (so cards that stay are not remounted: focus and open folds
/// stay), folds, the previewed file, and a notice that stays through edits
/// with the session it offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
struct View {
    keys: Keys,
    collapsed: Vec<u64>,
    selected_file: Option<String>,
    edited_registry: Option<u64>,
    auto_loopback: bool,
    notice: Option<Notice>,
    restorable: Option<Profile>,
}

/// Stable identities for registries, mirrors and a mirror's client
/// certificates and headers, so that components are keyed by what they
/// show, not by position: a moved mirror keeps its focus and open folds, a
/// row after a removed one keeps its own delayed notes. Kept parallel to
/// the profile by the reducer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Keys {
    next: u64,
    /// Per registry: its key and its mirrors' keys, in profile order.
    registries: Vec<(u64, Vec<MirrorKeys>)>,
}

/// A mirror's key and those of its client certificate and header rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MirrorKeys {
    pub key: u64,
    pub clients: Vec<u64>,
    pub headers: Vec<u64>,
}

/// `keys` as long as `n`: the rest dropped, new ones fresh.
fn fit(keys: &mut Vec<u64>, n: usize, next: &mut u64) {
    keys.truncate(n);
    while keys.len() < n {
        *next += 1;
        keys.push(*next);
    }
}

impl Keys {
    fn fresh(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    /// New keys for every registry and mirror (the profile was replaced).
    fn rebuild(&mut self, p: &Profile) {
        self.registries.clear();
        self.sync(p);
    }

    /// Gives registries and mirrors that have none a new key, drops the
    /// keys of what is gone (a safety net: the reducer moves keys itself).
    fn sync(&mut self, p: &Profile) {
        self.registries.truncate(p.registries.len());
        while self.registries.len() < p.registries.len() {
            let k = self.fresh();
            self.registries.push((k, Vec::new()));
        }
        let next = &mut self.next;
        for (r, (_, mirrors)) in p.registries.iter().zip(&mut self.registries) {
            mirrors.truncate(r.mirrors.len());
            while mirrors.len() < r.mirrors.len() {
                *next += 1;
                mirrors.push(MirrorKeys {
                    key: *next,
                    ..MirrorKeys::default()
                });
            }
            for (m, k) in r.mirrors.iter().zip(mirrors.iter_mut()) {
                fit(&mut k.clients, m.client.len(), next);
                fit(&mut k.headers, m.headers.len(), next);
            }
        }
    }

    /// The position of the registry with this key.
    pub fn index_of(&self, key: u64) -> Option<usize> {
        self.registries.iter().position(|r| r.0 == key)
    }

    pub fn registry(&self, i: usize) -> u64 {
        // 0 is never a key: `fresh` starts at 1.
        self.registries.get(i).map(|r| r.0).unwrap_or(0)
    }

    pub fn mirror(&self, i: usize, j: usize) -> u64 {
        self.mirrors(i).get(j).map(|m| m.key).unwrap_or(0)
    }

    /// Registry `i`'s mirrors' keys, in order.
    pub fn mirrors(&self, i: usize) -> &[MirrorKeys] {
        self.registries.get(i).map(|r| &r.1[..]).unwrap_or(&[])
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppState {
    pub profile: Profile,
    pub lang: Lang,
    pub theme: Theme,
    /// The file the user picked for the preview (by path).
    pub selected_file: Option<String>,
    /// The preview shows the hosts.toml of the registry being edited (off
    /// once the user picks a file, until they tick it again).
    pub follow_edits: bool,
    /// The registry last edited (by its key in [`Keys`], so a rename keeps
    /// following it), whose hosts.toml the preview shows.
    pub edited_registry: Option<u64>,
    /// Put URL passwords and header values into the page URL (and
    /// into the session this browser saves).
    pub include_secrets: bool,
    pub notice: Option<Notice>,
    /// A link in the address bar could not be opened: until the user edits
    /// the profile or dismisses the notice, the app neither saves the
    /// session nor rewrites the address, so a reload loses nothing.
    pub link_failed: bool,
    /// The last saved session, offered by the notice (its Restore) after a
    /// link was opened or could not be, when it differs from the form.
    pub restorable: Option<Profile>,
    /// The form before the last preset, link, import or removal (one
    /// step), offered by the notice (its Undo).
    pub undo: Option<Undo>,
    /// The loopback NO_PROXY bundle was switched on by the app when the
    /// proxy was first set (the proxy card says so).
    pub auto_loopback: bool,
    pub keys: Keys,
    /// Registry cards shown folded (by key; a plain list: a few dozen at
    /// most, and smaller in wasm than a set).
    pub collapsed: Vec<u64>,
    pub import: ImportState,
    /// The image the pull-route explainer follows.
    pub explain_image: String,
}

/// The profile a first visit starts from: a containerd node, Docker Hub
/// listed, nothing else assumed.
pub fn starter_profile() -> Profile {
    Profile {
        containerd: Some(ContainerdTarget::default()),
        kubernetes: true,
        systemd_cgroup: Some(true),
        registries: vec![Registry::new("docker.io")],
        ..Profile::default()
    }
}

/// What this browser keeps of a profile: no passwords or credential headers
/// unless the user asked for them in the link too.
pub fn session_copy(profile: &Profile, include_secrets: bool) -> Profile {
    if include_secrets {
        profile.clone()
    } else {
        crate::share::without_secrets(profile)
    }
}

/// The NO_PROXY bundle switched on when a proxy is first set.
pub const LOOPBACK_BUNDLE: &str = "loopback";

impl AppState {
    pub fn new(profile: Profile, lang: Lang) -> AppState {
        let mut keys = Keys::default();
        keys.rebuild(&profile);
        AppState {
            profile,
            lang,
            theme: Theme::Auto,
            selected_file: None,
            follow_edits: true,
            edited_registry: None,
            include_secrets: false,
            notice: None,
            link_failed: false,
            restorable: None,
            undo: None,
            auto_loopback: false,
            keys,
            collapsed: Default::default(),
            import: ImportState::default(),
            explain_image: "nginx".to_string(),
        }
    }

    /// Whether the app may save the session and rewrite the address bar.
    pub fn may_save(&self) -> bool {
        !self.link_failed
    }

    /// The file the preview should show, given the generated paths: the
    /// edited registry's hosts.toml when following edits, else the file
    /// the user picked, else the first.
    pub fn preview_path<'a>(&self, paths: &[&'a str]) -> Option<&'a str> {
        let followed = self
            .edited_registry
            .filter(|_| self.follow_edits)
            .and_then(|k| self.keys.index_of(k))
            .and_then(|i| self.profile.registries.get(i))
            .and_then(|r| RegistryHost::parse(&r.host).ok())
            .map(|h| format!("/{}/hosts.toml", h.name()))
            .and_then(|tail| paths.iter().find(|p| p.ends_with(&tail)).copied());
        let picked = self
            .selected_file
            .as_deref()
            .and_then(|s| paths.iter().find(|p| **p == s).copied());
        followed.or(picked).or(paths.first().copied())
    }
}

/// A change to one mirror.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MirrorEdit {
    Url(String),
    ToggleCapability(Capability),
    SkipVerify(bool),
    OverridePath(bool),
    DialTimeout(String),
    /// CA files, one per line.
    Ca(String),
    AddClient,
    Client(usize, ClientCert),
    RemoveClient(usize),
    AddHeader,
    Header(usize, Header),
    RemoveHeader(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    SetTheme(Theme),
    /// Replace the profile with a preset's (undoable).
    LoadPreset(String),
    /// Replace the profile with a link's (undoable). `saved` is the
    /// session this browser has, offered when it differs from both the
    /// link and the form before (which Undo brings back).
    LoadProfile {
        profile: Profile,
        saved: Option<Profile>,
    },
    /// The link in the address bar could not be opened. `saved` is the
    /// session this browser has, offered when it differs from the form.
    LinkFailed {
        text: Text,
        saved: Option<Profile>,
    },
    /// Bring back the session offered after a link failed.
    Restore,
    /// Bring back the form before the last preset, link, import or removal.
    Undo,
    DismissNotice,
    /// The user picks a file for the preview (stops following edits).
    SelectFile(String),
    SetFollowEdits(bool),
    SetIncludeSecrets(bool),
    /// Fold or unfold one registry card.
    SetCollapsed(usize, bool),
    SetAllCollapsed(bool),

    SetContainerd(bool),
    SetContainerdVersion(ContainerdVersion),
    SetConfigStyle(ConfigStyle),
    SetConfigPath(String),
    SetDocker(bool),
    SetDockerEngine(DockerEngine),
    SetDockerClientProxy(bool),
    SetColima(bool),
    SetColimaRuntime(ColimaRuntime),
    SetColimaProfile(String),
    SetHostEnvironment(bool),
    SetKubernetes(bool),

    /// Add a registry (catalog chip or typed host) unless it is there already.
    AddRegistry(String),
    /// Remove a registry (undoable).
    RemoveRegistry(usize),
    SetRegistryHost(usize, String),
    SetRegistryFallback(usize, bool),
    SetRegistryServer(usize, String),
    AddMirror(usize, Mirror),
    RemoveMirror(usize, usize),
    MoveMirror {
        registry: usize,
        from: usize,
        to: usize,
    },
    EditMirror {
        registry: usize,
        mirror: usize,
        edit: MirrorEdit,
    },
    /// Give every registry the provider serves a mirror from it (first in order).
    UseProviderEverywhere(String),

    SetProxyHttp(String),
    SetProxyHttps(String),
    ToggleNoProxyPreset(String),
    /// Extra NO_PROXY entries, one per line.
    SetNoProxy(String),
    SetMirrorsBypass(bool),
    SetK3s(bool),
    SetSandboxImage(String),
    SetSystemdCgroup(Option<bool>),

    SetImportConfig(String),
    AddImportHosts,
    SetImportHosts(usize, String, String),
    RemoveImportHosts(usize),
    SetImportVersion(Option<ContainerdVersion>),
    /// Read the pasted files into the form (replaces the profile, undoable;
    /// files that cannot be read change nothing).
    RunImport,
    SetPatch(bool),
    SetExplainImage(String),
}

impl Action {
    /// Whether the action is the user changing the profile. Such an edit
    /// ends a link-error hold and clears the notices and the undo of the
    /// action before.
    pub fn edits_profile(&self) -> bool {
        use Action::*;
        match self {
            SetLang(_)
            | SetTheme(_)
            | LinkFailed { .. }
            | DismissNotice
            | SelectFile(_)
            | SetFollowEdits(_)
            | SetIncludeSecrets(_)
            | SetCollapsed(..)
            | SetAllCollapsed(_)
            | SetImportConfig(_)
            | AddImportHosts
            | SetImportHosts(..)
            | RemoveImportHosts(_)
            | SetImportVersion(_)
            | SetPatch(_)
            | SetExplainImage(_) => false,
            LoadPreset(_)
            | LoadProfile { .. }
            | Restore
            | Undo
            | SetContainerd(_)
            | SetContainerdVersion(_)
            | SetConfigStyle(_)
            | SetConfigPath(_)
            | SetDocker(_)
            | SetDockerEngine(_)
            | SetDockerClientProxy(_)
            | SetColima(_)
            | SetColimaRuntime(_)
            | SetColimaProfile(_)
            | SetHostEnvironment(_)
            | SetKubernetes(_)
            | AddRegistry(_)
            | RemoveRegistry(_)
            | SetRegistryHost(..)
            | SetRegistryFallback(..)
            | SetRegistryServer(..)
            | AddMirror(..)
            | RemoveMirror(..)
            | MoveMirror { .. }
            | EditMirror { .. }
            | UseProviderEverywhere(_)
            | SetProxyHttp(_)
            | SetProxyHttps(_)
            | ToggleNoProxyPreset(_)
            | SetNoProxy(_)
            | SetMirrorsBypass(_)
            | SetK3s(_)
            | SetSandboxImage(_)
            | SetSystemdCgroup(_)
            | RunImport => true,
        }
    }

    /// The registry whose hosts.toml the action changes.
    fn registry(&self) -> Option<usize> {
        match self {
            Action::SetRegistryHost(i, _)
            | Action::SetRegistryFallback(i, _)
            | Action::SetRegistryServer(i, _)
            | Action::AddMirror(i, _)
            | Action::RemoveMirror(i, _) => Some(*i),
            Action::MoveMirror { registry, .. } | Action::EditMirror { registry, .. } => {
                Some(*registry)
            }
            _ => None,
        }
    }
}

fn lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_string).collect()
    }
}

fn proxy_is_set(p: &Profile) -> bool {
    !p.proxy.http.trim().is_empty() || !p.proxy.https.trim().is_empty()
}

/// The provider label after the URL was edited: the provider the URL
/// really points at; a public provider's label goes when its host does
/// (self-hosted labels stay: their hosts are the user's own).
pub fn provider_after_edit(label: &str, url: &str) -> String {
    let c = catalog();
    match c.provider_for_url(url) {
        Some(known) => known.id.clone(),
        None => match c.provider(label) {
            Some(p) if p.kind == ProviderKind::Public => String::new(),
            _ => label.to_string(),
        },
    }
}

impl AppState {
    /// The state after `action`. Indices out of range change nothing.
    pub fn apply(mut self, action: Action) -> AppState {
        if action.edits_profile() {
            self.link_failed = false;
            if action != Action::Undo {
                self.undo = None;
            }
            if self.notice.as_ref().is_some_and(|n| !n.sticky) {
                self.notice = None;
            }
        }
        if let Some(i) = action
            .registry()
            .filter(|i| *i < self.profile.registries.len())
        {
            // By key: the action may rename the registry.
            self.edited_registry = Some(self.keys.registry(i));
        }
        let proxy_was_set = proxy_is_set(&self.profile);
        let p = &mut self.profile;
        match action {
            Action::SetLang(l) => self.lang = l,
            Action::SetTheme(t) => self.theme = t,
            Action::LoadPreset(id) => match preset(&id) {
                Some(pr) => {
                    self.undo = Some(self.snapshot());
                    self.profile = pr.profile.clone();
                    self.import.patch = false;
                    self.replaced();
                    let (en, zh) = (&pr.preset.name, &pr.preset.name_zh);
                    self.notice = Some(
                        Notice::info(text!(
                            "Loaded the preset \u{201c}{en}\u{201d}.",
                            "已载入预设“{zh}”。"
                        ))
                        .with(NoticeAction::Undo),
                    );
                }
                None => {
                    self.notice = Some(Notice::error(text!(
                        "There is no preset {id}.",
                        "没有名为 {id} 的预设。"
                    )))
                }
            },
            Action::LoadProfile { profile, saved } => {
                if profile != self.profile {
                    let before = self.snapshot();
                    let secrets = self.include_secrets;
                    // The session as this browser would have saved a form.
                    let same =
                        |s: &Profile, p: &Profile| *s == *p || *s == session_copy(p, secrets);
                    self.restorable =
                        saved.filter(|s| !same(s, &profile) && !same(s, &before.profile));
                    self.undo = Some(before);
                    self.profile = profile;
                    self.import.patch = false;
                    self.replaced();
                    let mut notice = Notice::info(text!(
                        "Opened the setup from the link.",
                        "已打开链接中的配置。"
                    ))
                    .with(NoticeAction::Undo);
                    if self.restorable.is_some() {
                        notice = notice.with(NoticeAction::Restore);
                    }
                    self.notice = Some(notice);
                }
            }
            Action::LinkFailed { text, saved } => {
                let shown = session_copy(&self.profile, self.include_secrets);
                self.restorable = saved.filter(|s| *s != shown);
                self.link_failed = true;
                let mut notice = Notice {
                    sticky: true,
                    ..Notice::error(text)
                };
                if self.restorable.is_some() {
                    notice = notice.with(NoticeAction::Restore);
                }
                self.notice = Some(notice);
            }
            Action::Restore => {
                if let Some(saved) = self.restorable.take() {
                    self.profile = saved;
                    self.replaced();
                }
                self.notice = None;
            }
            Action::Undo => {
                self.notice = None;
                if let Some(u) = self.undo.take() {
                    self.profile = u.profile;
                    self.import.patch = u.patch && !self.import.config.trim().is_empty();
                    self.restore_view(u.view);
                }
            }
            Action::DismissNotice => {
                self.notice = None;
                self.undo = None;
                self.restorable = None;
                self.link_failed = false;
            }
            Action::SelectFile(path) => {
                self.selected_file = Some(path);
                self.follow_edits = false;
            }
            Action::SetFollowEdits(on) => self.follow_edits = on,
            Action::SetCollapsed(i, on) => {
                let k = self.keys.registry(i);
                self.collapsed.retain(|x| *x != k);
                if on && i < self.profile.registries.len() {
                    self.collapsed.push(k);
                }
            }
            Action::SetAllCollapsed(on) => {
                self.collapsed = if on {
                    self.keys.registries.iter().map(|r| r.0).collect()
                } else {
                    Vec::new()
                }
            }
            Action::SetIncludeSecrets(on) => self.include_secrets = on,

            Action::SetContainerd(on) => {
                p.containerd = if on {
                    Some(p.containerd.take().unwrap_or_default())
                } else {
                    None
                }
            }
            Action::SetContainerdVersion(v) => {
                p.containerd.get_or_insert_with(Default::default).version = v
            }
            Action::SetConfigStyle(s) => {
                p.containerd.get_or_insert_with(Default::default).config = s
            }
            Action::SetConfigPath(s) => {
                p.containerd
                    .get_or_insert_with(Default::default)
                    .config_path = s
            }
            Action::SetDocker(on) => {
                p.docker = if on {
                    Some(p.docker.take().unwrap_or_default())
                } else {
                    None
                }
            }
            Action::SetDockerEngine(e) => {
                p.docker.get_or_insert_with(DockerTarget::default).engine = e
            }
            Action::SetDockerClientProxy(on) => {
                p.docker
                    .get_or_insert_with(DockerTarget::default)
                    .client_proxy = on
            }
            Action::SetColima(on) => {
                p.colima = if on {
                    Some(p.colima.take().unwrap_or_default())
                } else {
                    None
                }
            }
            Action::SetColimaRuntime(r) => {
                p.colima.get_or_insert_with(ColimaTarget::default).runtime = r
            }
            Action::SetColimaProfile(s) => {
                p.colima.get_or_insert_with(ColimaTarget::default).profile = s
            }
            Action::SetHostEnvironment(on) => p.host_environment = on,
            Action::SetKubernetes(on) => p.kubernetes = on,

            Action::AddRegistry(host) => {
                let host = host.trim().to_string();
                if !host.is_empty() && !p.registries.iter().any(|r| r.host.trim() == host) {
                    p.registries.push(Registry::new(host));
                }
            }
            Action::RemoveRegistry(i) => {
                if i < self.profile.registries.len() {
                    self.undo = Some(self.snapshot());
                    let gone = self.profile.registries.remove(i);
                    self.keys.registries.remove(i);
                    let host = gone.host.trim();
                    self.notice = Some(
                        Notice::info(text!(
                            "Removed the registry {host}.",
                            "已删除镜像仓库 {host}。"
                        ))
                        .with(NoticeAction::Undo),
                    );
                }
            }
            Action::SetRegistryHost(i, s) => {
                if let Some(r) = p.registries.get_mut(i) {
                    r.host = s;
                }
            }
            Action::SetRegistryFallback(i, on) => {
                if let Some(r) = p.registries.get_mut(i) {
                    r.fallback = on;
                }
            }
            Action::SetRegistryServer(i, s) => {
                if let Some(r) = p.registries.get_mut(i) {
                    r.server = s;
                }
            }
            Action::AddMirror(i, m) => {
                if let Some(r) = p.registries.get_mut(i) {
                    r.mirrors.push(m);
                }
            }
            Action::RemoveMirror(i, j) => {
                if let Some(r) = p.registries.get_mut(i) {
                    if j < r.mirrors.len() {
                        r.mirrors.remove(j);
                        self.keys.registries[i].1.remove(j);
                    }
                }
            }
            Action::MoveMirror { registry, from, to } => {
                if let Some(r) = p.registries.get_mut(registry) {
                    if from < r.mirrors.len() && to < r.mirrors.len() {
                        let m = r.mirrors.remove(from);
                        r.mirrors.insert(to, m);
                        let keys = &mut self.keys.registries[registry].1;
                        let k = keys.remove(from);
                        keys.insert(to, k);
                    }
                }
            }
            Action::EditMirror {
                registry,
                mirror,
                edit,
            } => {
                if let Some(m) = p
                    .registries
                    .get_mut(registry)
                    .and_then(|r| r.mirrors.get_mut(mirror))
                {
                    // A removed row takes its key along (sync adds new ones).
                    let keys = &mut self.keys.registries[registry].1[mirror];
                    match edit {
                        MirrorEdit::RemoveClient(k) if k < m.client.len() => {
                            keys.clients.remove(k);
                        }
                        MirrorEdit::RemoveHeader(k) if k < m.headers.len() => {
                            keys.headers.remove(k);
                        }
                        _ => {}
                    }
                    edit_mirror(m, edit);
                }
            }
            Action::UseProviderEverywhere(id) => {
                if let Some(provider) = catalog().provider(&id).filter(|pr| pr.params.is_empty()) {
                    let hosts: Vec<&str> = provider.hosts.keys().map(String::as_str).collect();
                    let mut wanted: Vec<String> = if hosts.is_empty() {
                        provider.registries.clone()
                    } else {
                        hosts.iter().map(|h| h.to_string()).collect()
                    };
                    // Catalog order reads better than alphabetical.
                    wanted.sort_by_key(|h| {
                        catalog()
                            .registries
                            .iter()
                            .position(|r| &r.host == h)
                            .unwrap_or(usize::MAX)
                    });
                    for host in wanted {
                        if !p.registries.iter().any(|r| r.host.trim() == host) {
                            p.registries.push(Registry::new(host.clone()));
                            self.keys.sync(p);
                        }
                        let upstream = catalog()
                            .registry(&host)
                            .map(|r| r.upstream.clone())
                            .unwrap_or_default();
                        if let (Some(i), Some(m)) = (
                            p.registries.iter().position(|r| r.host.trim() == host),
                            provider.mirror_for(&host, &upstream, &Default::default()),
                        ) {
                            let r = &mut p.registries[i];
                            if !r.mirrors.iter().any(|x| x.url == m.url) {
                                r.mirrors.insert(0, m);
                                let key = self.keys.fresh();
                                self.keys.registries[i].1.insert(
                                    0,
                                    MirrorKeys {
                                        key,
                                        ..MirrorKeys::default()
                                    },
                                );
                            }
                        }
                    }
                }
            }

            Action::SetProxyHttp(s) => {
                p.proxy.http = s;
                self.first_proxy(proxy_was_set);
            }
            Action::SetProxyHttps(s) => {
                p.proxy.https = s;
                self.first_proxy(proxy_was_set);
            }
            Action::ToggleNoProxyPreset(id) => {
                match p.proxy.presets.iter().position(|x| *x == id) {
                    Some(i) => {
                        p.proxy.presets.remove(i);
                    }
                    None => p.proxy.presets.push(id),
                }
                self.auto_loopback = false;
            }
            Action::SetNoProxy(text) => p.proxy.no_proxy = lines(&text),
            Action::SetMirrorsBypass(on) => p.proxy.mirrors_bypass = on,
            Action::SetK3s(on) => p.proxy.k3s = on,
            Action::SetSandboxImage(s) => p.sandbox_image = s,
            Action::SetSystemdCgroup(v) => p.systemd_cgroup = v,

            Action::SetImportConfig(s) => self.import.config = s,
            Action::AddImportHosts => {
                self.import.hosts.push((String::new(), String::new()));
                self.import.host_keys.push(self.keys.fresh());
            }
            Action::SetImportHosts(i, dir, text) => {
                if let Some(h) = self.import.hosts.get_mut(i) {
                    *h = (dir, text);
                }
            }
            Action::RemoveImportHosts(i) => {
                if i < self.import.hosts.len() {
                    self.import.hosts.remove(i);
                    self.import.host_keys.remove(i);
                }
            }
            Action::SetImportVersion(v) => self.import.version = v,
            Action::RunImport => self.run_import(),
            Action::SetPatch(on) => self.import.patch = on && !self.import.config.trim().is_empty(),
            Action::SetExplainImage(s) => self.explain_image = s,
        }
        self.keys.sync(&self.profile);
        let keys = &self.keys;
        self.collapsed.retain(|k| keys.index_of(*k).is_some());
        self.settle_offers();
        self
    }

    /// Undo and Restore belong to the notice on screen: what it does not
    /// offer is dropped, and it offers nothing that is gone.
    fn settle_offers(&mut self) {
        let (undo, restorable) = (&mut self.undo, &mut self.restorable);
        match &mut self.notice {
            Some(n) => {
                if !n.offers(NoticeAction::Undo) {
                    *undo = None;
                }
                if !n.offers(NoticeAction::Restore) {
                    *restorable = None;
                }
                n.actions.retain(|a| match a {
                    NoticeAction::Undo => undo.is_some(),
                    NoticeAction::Restore => restorable.is_some(),
                });
            }
            None => {
                *undo = None;
                *restorable = None;
            }
        }
    }

    /// The form and its view as they are now, for Undo. A notice that
    /// stays through edits (a link that could not be opened) comes back
    /// with it; others were about what is being undone.
    fn snapshot(&self) -> Undo {
        let notice = self.notice.clone().filter(|n| n.sticky);
        let restorable = self.restorable.clone().filter(|_| {
            notice
                .as_ref()
                .is_some_and(|n| n.offers(NoticeAction::Restore))
        });
        Undo {
            profile: self.profile.clone(),
            patch: self.import.patch,
            view: View {
                keys: self.keys.clone(),
                collapsed: self.collapsed.clone(),
                selected_file: self.selected_file.clone(),
                edited_registry: self.edited_registry,
                auto_loopback: self.auto_loopback,
                notice,
                restorable,
            },
        }
    }

    /// Puts back a [`View`] saved with the profile now back in the form.
    fn restore_view(&mut self, v: View) {
        // Keys handed out since stay used: none is handed out twice.
        let next = self.keys.next.max(v.keys.next);
        self.keys = v.keys;
        self.keys.next = next;
        self.collapsed = v.collapsed;
        self.selected_file = v.selected_file;
        self.edited_registry = v.edited_registry;
        self.auto_loopback = v.auto_loopback;
        self.notice = v.notice;
        self.restorable = v.restorable;
    }

    /// Whether registry `i`'s card is folded.
    pub fn is_collapsed(&self, i: usize) -> bool {
        self.collapsed.contains(&self.keys.registry(i))
    }

    /// The profile was replaced as a whole: new keys, default preview.
    fn replaced(&mut self) {
        self.keys.rebuild(&self.profile);
        self.collapsed.clear();
        self.selected_file = None;
        self.edited_registry = None;
        self.auto_loopback = false;
    }

    /// A proxy set for the first time with no NO_PROXY at all gets the
    /// loopback bundle: localhost traffic must never go to the proxy.
    fn first_proxy(&mut self, was_set: bool) {
        let proxy = &self.profile.proxy;
        if !was_set
            && proxy_is_set(&self.profile)
            && proxy.presets.is_empty()
            && proxy.no_proxy.iter().all(|e| e.trim().is_empty())
        {
            self.profile.proxy.presets.push(LOOPBACK_BUNDLE.to_string());
            self.auto_loopback = true;
        }
    }

    fn run_import(&mut self) {
        let text = self.import.config.clone();
        let config = Some(text.as_str()).filter(|c| !c.trim().is_empty());
        let hosts: Vec<HostsInput> = self
            .import
            .hosts
            .iter()
            .filter(|(d, _)| !d.trim().is_empty())
            .map(|(d, t)| HostsInput {
                dir: d.trim().to_string(),
                text: Some(t.clone()),
            })
            .collect();
        if config.is_none() && hosts.is_empty() {
            self.notice = Some(Notice::error(text!(
                "Paste a config.toml or a hosts.toml first.",
                "请先粘贴 config.toml 或 hosts.toml。"
            )));
            return;
        }
        let imported = import(config, &hosts, self.import.version);
        // Nothing understood: the form stays as it is.
        if imported.unreadable() {
            self.import.patch = false;
            self.import.report = Some(imported);
            self.notice = Some(Notice {
                target: Some("import-report"),
                ..Notice::error(text!(
                    "Nothing was imported: the files could not be read. Your form is unchanged; the import report says what is wrong.",
                    "未导入任何内容：无法读取这些文件。表单保持不变；导入报告中说明了问题所在。"
                ))
            });
            return;
        }
        let n = imported.profile.registries.len();
        let (en, zh) = (N_REGISTRIES.get(Lang::En, n), N_REGISTRIES.get(Lang::Zh, n));
        self.undo = Some(self.snapshot());
        self.profile = imported.profile.clone();
        self.replaced();
        self.import.patch = config.is_some() && imported.config_version.is_some();
        self.import.report = Some(imported);
        self.notice = Some(
            Notice {
                target: Some("import-report"),
                ..Notice::info(text!(
                    "Imported: {en}. Review the report below the import box.",
                    "已导入：{zh}。请查看导入框下方的报告。"
                ))
            }
            .with(NoticeAction::Undo),
        );
    }
}

fn edit_mirror(m: &mut Mirror, edit: MirrorEdit) {
    match edit {
        MirrorEdit::Url(s) => {
            m.provider = provider_after_edit(&m.provider, &s);
            m.url = s;
        }
        MirrorEdit::ToggleCapability(c) => match m.capabilities.iter().position(|x| *x == c) {
            Some(i) => {
                m.capabilities.remove(i);
            }
            None => {
                m.capabilities.push(c);
                m.capabilities.sort();
            }
        },
        MirrorEdit::SkipVerify(on) => m.skip_verify = on,
        MirrorEdit::OverridePath(on) => m.override_path = on,
        MirrorEdit::DialTimeout(s) => m.dial_timeout = s,
        MirrorEdit::Ca(text) => m.ca = lines(&text),
        MirrorEdit::AddClient => m.client.push(ClientCert::default()),
        MirrorEdit::Client(i, c) => {
            if let Some(x) = m.client.get_mut(i) {
                *x = c;
            }
        }
        MirrorEdit::RemoveClient(i) => {
            if i < m.client.len() {
                m.client.remove(i);
            }
        }
        MirrorEdit::AddHeader => m.headers.push(Header::default()),
        MirrorEdit::Header(i, h) => {
            if let Some(x) = m.headers.get_mut(i) {
                *x = h;
            }
        }
        MirrorEdit::RemoveHeader(i) => {
            if i < m.headers.len() {
                m.headers.remove(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> AppState {
        AppState::new(starter_profile(), Lang::En)
    }

    #[test]
    fn editing_a_field_keeps_everything_else() {
        let s = state()
            .apply(Action::AddMirror(0, Mirror::new("https://a.example")))
            .apply(Action::SetProxyHttps("http://p:3128".into()))
            .apply(Action::EditMirror {
                registry: 0,
                mirror: 0,
                edit: MirrorEdit::Url("not a url".into()),
            });
        assert_eq!(s.profile.registries[0].mirrors[0].url, "not a url");
        assert_eq!(s.profile.proxy.https, "http://p:3128");
    }

    #[test]
    fn mirrors_reorder_and_out_of_range_is_ignored() {
        let mut s = state();
        for u in [
            "https://a.example",
            "https://b.example",
            "https://c.example",
        ] {
            s = s.apply(Action::AddMirror(0, Mirror::new(u)));
        }
        let s = s.apply(Action::MoveMirror {
            registry: 0,
            from: 2,
            to: 0,
        });
        let urls: Vec<_> = s.profile.registries[0]
            .mirrors
            .iter()
            .map(|m| m.url.as_str())
            .collect();
        assert_eq!(
            urls,
            [
                "https://c.example",
                "https://a.example",
                "https://b.example"
            ]
        );
        let same = s.clone().apply(Action::MoveMirror {
            registry: 0,
            from: 5,
            to: 0,
        });
        assert_eq!(same, s);
        let same = s
            .clone()
            .apply(Action::RemoveMirror(9, 0))
            .apply(Action::RemoveRegistry(9));
        assert_eq!(same, s);
    }

    #[test]
    fn capabilities_toggle_and_stay_sorted() {
        let s = state()
            .apply(Action::AddMirror(0, Mirror::new("https://a.example")))
            .apply(Action::EditMirror {
                registry: 0,
                mirror: 0,
                edit: MirrorEdit::ToggleCapability(Capability::Resolve),
            })
            .apply(Action::EditMirror {
                registry: 0,
                mirror: 0,
                edit: MirrorEdit::ToggleCapability(Capability::Push),
            })
            .apply(Action::EditMirror {
                registry: 0,
                mirror: 0,
                edit: MirrorEdit::ToggleCapability(Capability::Resolve),
            });
        assert_eq!(
            s.profile.registries[0].mirrors[0].capabilities,
            [Capability::Pull, Capability::Resolve, Capability::Push]
        );
    }

    #[test]
    fn no_proxy_text_round_trips_while_typing() {
        for typed in ["", "a", "a\n", "a\n\nb", ".svc\n10.0.0.0/8,"] {
            let s = state().apply(Action::SetNoProxy(typed.into()));
            assert_eq!(s.profile.proxy.no_proxy.join("\n"), typed);
        }
    }

    #[test]
    fn provider_everywhere_adds_registries_and_mirrors_first() {
        let s = state()
            .apply(Action::AddMirror(0, Mirror::new("https://mine.example")))
            .apply(Action::UseProviderEverywhere("daocloud".into()));
        let hub = &s.profile.registries[0];
        assert_eq!(hub.mirrors[0].url, "https://docker.m.daocloud.io");
        assert_eq!(hub.mirrors[1].url, "https://mine.example");
        assert!(s.profile.registry("quay.io").is_some());
        let again = s
            .clone()
            .apply(Action::UseProviderEverywhere("daocloud".into()));
        assert_eq!(again, s, "applying twice adds nothing");
    }

    #[test]
    fn targets_toggle_without_losing_settings() {
        let s = state()
            .apply(Action::SetContainerdVersion(ContainerdVersion::V2_1))
            .apply(Action::SetContainerd(false))
            .apply(Action::SetContainerd(true));
        // Turning a target off forgets it; on again starts from the default.
        assert_eq!(
            s.profile.containerd.unwrap().version,
            ContainerdVersion::V1_7
        );
        let s = state().apply(Action::SetDockerEngine(DockerEngine::Before23));
        assert_eq!(s.profile.docker.unwrap().engine, DockerEngine::Before23);
    }

    #[test]
    fn import_fills_the_form_and_turns_on_patch_mode() {
        let seed = include_str!("../../tests/fixtures/import/seed-003-config.toml");
        let s = state()
            .apply(Action::SetImportConfig(seed.into()))
            .apply(Action::AddImportHosts)
            .apply(Action::SetImportHosts(
                0,
                "quay.io".into(),
                "[host.\"https://quay.m.daocloud.io\"]\n".into(),
            ))
            .apply(Action::RunImport);
        assert!(s.import.patch);
        assert_eq!(
            s.profile.registry("quay.io").unwrap().mirrors[0].url,
            "https://quay.m.daocloud.io"
        );
        assert!(s.profile.registry("docker.io").is_some());
        assert!(s.import.report.as_ref().unwrap().steps.len() >= 2);
        let off = s.clone().apply(Action::SetPatch(false));
        assert!(!off.import.patch);
        let empty = state().apply(Action::RunImport);
        assert_eq!(empty.notice.unwrap().kind, NoticeKind::Error);
        assert_eq!(empty.profile, starter_profile(), "nothing lost");
        let broken = state()
            .apply(Action::SetImportConfig("[[[".into()))
            .apply(Action::RunImport);
        assert!(!broken.import.patch, "an unreadable file is not patched");
    }

    #[test]
    fn a_broken_link_holds_the_saved_session_until_an_edit_or_dismiss() {
        let mut saved = starter_profile();
        saved.proxy.https = "http://proxy.example.com:3128".into();
        let failed = state().apply(Action::LinkFailed {
            text: text!("damaged", "损坏"),
            saved: Some(saved.clone()),
        });
        assert!(!failed.may_save(), "no saving over the last session");
        assert_eq!(failed.restorable.as_ref(), Some(&saved));
        assert_eq!(failed.notice.as_ref().unwrap().kind, NoticeKind::Error);
        // Language and preview changes are not edits: still held.
        let held = failed
            .clone()
            .apply(Action::SetLang(Lang::Zh))
            .apply(Action::SelectFile("install.sh".into()));
        assert!(!held.may_save());
        // An edit ends the hold; the notice (and its Restore) stay.
        let edited = failed
            .clone()
            .apply(Action::SetKubernetes(false))
            .apply(Action::AddRegistry("quay.io".into()));
        assert!(edited.may_save());
        assert!(edited.notice.is_some() && edited.restorable.is_some());
        let restored = edited.apply(Action::Restore);
        assert_eq!(restored.profile, saved);
        assert!(restored.may_save() && restored.notice.is_none());
        let dismissed = failed.apply(Action::DismissNotice);
        assert!(dismissed.may_save() && dismissed.restorable.is_none());
        // A session equal to the form is not offered.
        let same = state().apply(Action::LinkFailed {
            text: text!("damaged", "损坏"),
            saved: Some(starter_profile()),
        });
        assert_eq!(same.restorable, None);
        assert!(!same.may_save());
    }

    #[test]
    fn the_session_offered_is_compared_without_secrets() {
        let mut p = starter_profile();
        p.proxy.https = "http://bob:s3cret@proxy.example.com:3128".into();
        let s = AppState::new(p.clone(), Lang::En);
        let saved = session_copy(&p, false);
        assert!(!format!("{saved:?}").contains("s3cret"));
        assert_eq!(session_copy(&p, true), p);
        let failed = s.apply(Action::LinkFailed {
            text: text!("damaged", "损坏"),
            saved: Some(saved),
        });
        assert_eq!(failed.restorable, None, "the saved session is this form");
    }

    #[test]
    fn an_unreadable_import_keeps_the_form() {
        let s = state().apply(Action::LoadPreset("china-mainland".into()));
        let before = s.profile.clone();
        let broken = s
            .apply(Action::SetImportConfig("[[[ nope".into()))
            .apply(Action::RunImport);
        assert_eq!(broken.profile, before, "nothing wiped");
        let n = broken.notice.as_ref().unwrap();
        assert_eq!(n.kind, NoticeKind::Error);
        assert_eq!(n.target, Some("import-report"));
        assert!(broken.import.report.as_ref().unwrap().findings[0].code == "MS601");
        assert!(!broken.import.patch);
        // hosts.toml files only, none readable: nothing either.
        let hosts = state()
            .apply(Action::AddImportHosts)
            .apply(Action::SetImportHosts(0, "quay.io".into(), "[[[".into()))
            .apply(Action::RunImport);
        assert_eq!(hosts.profile, starter_profile());
        assert_eq!(hosts.notice.unwrap().kind, NoticeKind::Error);
    }

    #[test]
    fn preset_import_and_removal_undo_in_one_step() {
        let s = state().apply(Action::LoadPreset("china-mainland".into()));
        assert!(s.undo.is_some());
        let back = s.clone().apply(Action::Undo);
        assert_eq!(back.profile, starter_profile());
        assert!(back.undo.is_none() && back.notice.is_none());

        let removed = s.clone().apply(Action::RemoveRegistry(0));
        assert_eq!(removed.profile.registries.len(), 11);
        assert!(removed
            .notice
            .as_ref()
            .unwrap()
            .text
            .en
            .contains("docker.io"));
        assert_eq!(removed.apply(Action::Undo).profile, s.profile);

        let seed = include_str!("../../tests/fixtures/import/seed-003-config.toml");
        let imported = s
            .clone()
            .apply(Action::SetImportConfig(seed.into()))
            .apply(Action::RunImport);
        assert!(imported.import.patch);
        let back = imported.apply(Action::Undo);
        assert_eq!(back.profile, s.profile);
        assert!(!back.import.patch, "patch mode as it was before");

        // The next edit ends the offer (and its notice).
        let edited = s.apply(Action::SetKubernetes(false));
        assert!(edited.undo.is_none() && edited.notice.is_none());
        assert_eq!(edited.clone().apply(Action::Undo).profile, edited.profile);
    }

    #[test]
    fn the_provider_label_follows_the_url() {
        let s = state().apply(Action::LoadPreset("china-mainland".into()));
        let edit = |s: AppState, url: &str| {
            s.apply(Action::EditMirror {
                registry: 0,
                mirror: 0,
                edit: MirrorEdit::Url(url.into()),
            })
        };
        let mine = edit(s.clone(), "https://my-harbor.corp.example/v2/dockerhub");
        let m = &mine.profile.registries[0].mirrors[0];
        assert_eq!(m.provider, "", "no longer DaoCloud: custom");
        let tree = crate::render::render(&mine.profile, &Default::default());
        let hosts = tree
            .get("/etc/containerd/certs.d/docker.io/hosts.toml")
            .unwrap();
        assert!(hosts
            .content
            .contains("https://my-harbor.corp.example/v2/dockerhub - custom mirror"));
        assert!(!hosts.content.contains("DaoCloud"));
        let again = edit(mine, "https://docker.m.daocloud.io");
        assert_eq!(again.profile.registries[0].mirrors[0].provider, "daocloud");
        // Self-hosted labels stay: the host is the user's own.
        let harbor = state().apply(Action::LoadPreset("harbor-proxy-cache".into()));
        let moved = edit(harbor, "https://harbor2.corp.example/v2/hub");
        assert_eq!(moved.profile.registries[0].mirrors[0].provider, "harbor");
        // Every preset's labels agree with their URLs.
        for pr in crate::preset::presets() {
            for m in pr.profile.registries.iter().flat_map(|r| &r.mirrors) {
                assert_eq!(
                    provider_after_edit(&m.provider, &m.url),
                    m.provider,
                    "{}",
                    m.url
                );
            }
        }
    }

    #[test]
    fn a_first_proxy_brings_the_loopback_bundle() {
        let s = state().apply(Action::SetProxyHttps("h".into()));
        assert_eq!(s.profile.proxy.presets, [LOOPBACK_BUNDLE]);
        assert!(s.auto_loopback);
        let s = s
            .apply(Action::SetProxyHttps("http://p:3128".into()))
            .apply(Action::SetProxyHttp("http://p:3128".into()));
        assert_eq!(s.profile.proxy.presets, [LOOPBACK_BUNDLE], "once");
        // Turned off by the user: it stays off.
        let off = s
            .apply(Action::ToggleNoProxyPreset(LOOPBACK_BUNDLE.into()))
            .apply(Action::SetProxyHttps("http://q:3128".into()));
        assert!(off.profile.proxy.presets.is_empty() && !off.auto_loopback);
        // A NO_PROXY of the user's own: nothing added.
        let own = state()
            .apply(Action::SetNoProxy(".corp.example".into()))
            .apply(Action::SetProxyHttp("http://p:3128".into()));
        assert!(own.profile.proxy.presets.is_empty());
        let chosen = state()
            .apply(Action::ToggleNoProxyPreset("cluster-domains".into()))
            .apply(Action::SetProxyHttp("http://p:3128".into()));
        assert_eq!(chosen.profile.proxy.presets, ["cluster-domains"]);
    }

    #[test]
    fn keys_follow_moves_and_removals() {
        let mut s = state();
        for u in [
            "https://a.example",
            "https://b.example",
            "https://c.example",
        ] {
            s = s.apply(Action::AddMirror(0, Mirror::new(u)));
        }
        let k: Vec<u64> = (0..3).map(|j| s.keys.mirror(0, j)).collect();
        assert!(k[0] != k[1] && k[1] != k[2]);
        let s = s.apply(Action::MoveMirror {
            registry: 0,
            from: 0,
            to: 2,
        });
        assert_eq!(
            (0..3).map(|j| s.keys.mirror(0, j)).collect::<Vec<_>>(),
            [k[1], k[2], k[0]]
        );
        let s = s.apply(Action::RemoveMirror(0, 1));
        assert_eq!(s.keys.mirror(0, 0), k[1]);
        assert_eq!(s.keys.mirror(0, 1), k[0]);
        let reg = s.keys.registry(0);
        let s = s
            .apply(Action::AddRegistry("quay.io".into()))
            .apply(Action::UseProviderEverywhere("daocloud".into()));
        assert_eq!(s.keys.registry(0), reg);
        assert_eq!(
            s.keys.mirror(0, 1),
            k[1],
            "a mirror put first shifts the others"
        );
        let q = s.keys.registry(1);
        let s = s.apply(Action::RemoveRegistry(0));
        assert_eq!(s.keys.registry(0), q);
        let fresh = s.clone().apply(Action::LoadPreset("china-mainland".into()));
        assert!(fresh.keys.registry(0) > q, "a new profile gets new keys");
    }

    #[test]
    fn rows_keep_their_keys_when_one_before_goes() {
        let edit = |e: MirrorEdit| Action::EditMirror {
            registry: 0,
            mirror: 0,
            edit: e,
        };
        let mut s = state().apply(Action::AddMirror(0, Mirror::new("https://a.example")));
        for _ in 0..3 {
            s = s
                .apply(edit(MirrorEdit::AddHeader))
                .apply(edit(MirrorEdit::AddClient))
                .apply(Action::AddImportHosts);
        }
        let m = s.keys.mirrors(0)[0].clone();
        assert_eq!((m.clients.len(), m.headers.len()), (3, 3));
        let hosts = s.import.host_keys.clone();
        assert_eq!(hosts.len(), 3);
        let s = s
            .apply(edit(MirrorEdit::RemoveHeader(0)))
            .apply(edit(MirrorEdit::RemoveClient(1)))
            .apply(Action::RemoveImportHosts(0))
            .apply(edit(MirrorEdit::RemoveHeader(7)));
        let after = &s.keys.mirrors(0)[0];
        assert_eq!(after.headers, m.headers[1..]);
        assert_eq!(after.clients, [m.clients[0], m.clients[2]]);
        assert_eq!(s.import.host_keys, hosts[1..]);
        // New rows get keys never used before.
        let s = s.apply(edit(MirrorEdit::AddHeader));
        let new = *s.keys.mirrors(0)[0].headers.last().unwrap();
        assert!(!m.headers.contains(&new) && !m.clients.contains(&new) && !hosts.contains(&new));
        // A moved mirror takes its rows' keys along.
        let s = s
            .apply(Action::AddMirror(0, Mirror::new("https://b.example")))
            .apply(Action::MoveMirror {
                registry: 0,
                from: 0,
                to: 1,
            });
        assert_eq!(s.keys.mirrors(0)[1].clients, [m.clients[0], m.clients[2]]);
    }

    #[test]
    fn the_preview_follows_the_registry_being_edited() {
        let s = state()
            .apply(Action::LoadPreset("china-mainland".into()))
            .apply(Action::EditMirror {
                registry: 3,
                mirror: 0,
                edit: MirrorEdit::Url("https://gcr.m.daocloud.io".into()),
            });
        let paths = [
            "/etc/containerd/config.toml",
            "/etc/containerd/certs.d/docker.io/hosts.toml",
            "/etc/containerd/certs.d/gcr.io/hosts.toml",
        ];
        assert_eq!(s.profile.registries[3].host, "gcr.io");
        assert_eq!(s.preview_path(&paths), Some(paths[2]));
        // A file picked by hand stays until following is ticked again.
        let picked = s.apply(Action::SelectFile(paths[0].into()));
        let still = picked
            .clone()
            .apply(Action::AddMirror(0, Mirror::new("https://x.example")));
        assert_eq!(still.preview_path(&paths), Some(paths[0]));
        // Ticked again: the registry edited last (docker.io, meanwhile).
        let follow = still.apply(Action::SetFollowEdits(true));
        assert_eq!(follow.preview_path(&paths), Some(paths[1]));
        assert_eq!(state().preview_path(&paths), Some(paths[0]));
    }

    #[test]
    fn renaming_a_registry_keeps_the_preview_on_its_file() {
        let mut s = state().apply(Action::AddRegistry("quay.io".into()));
        let typed = "mirror.example.com:5000";
        for n in 1..=typed.len() {
            s = s.apply(Action::SetRegistryHost(1, typed[..n].into()));
            let tree = crate::render::render(&s.profile, &Default::default());
            let Ok(host) = RegistryHost::parse(&typed[..n]) else {
                continue;
            };
            let want = format!("/{}/hosts.toml", host.name());
            let shown = s.preview_path(&tree.paths()).unwrap();
            assert!(shown.ends_with(&want), "{:?}: {shown}", &typed[..n]);
        }
    }

    #[test]
    fn undo_and_restore_belong_to_their_notice() {
        let mut saved = starter_profile();
        saved.proxy.https = "http://proxy.example.com:3128".into();
        let failed = state().apply(Action::LinkFailed {
            text: text!("damaged", "损坏"),
            saved: Some(saved.clone()),
        });
        assert_eq!(
            failed.notice.as_ref().unwrap().actions,
            [NoticeAction::Restore]
        );
        // A preset's notice replaces the link's: Undo only, no Restore.
        let preset = failed
            .clone()
            .apply(Action::LoadPreset("china-mainland".into()));
        let n = preset.notice.as_ref().unwrap();
        assert_eq!(n.actions, [NoticeAction::Undo]);
        assert!(preset.restorable.is_none(), "nothing left to restore with");
        // Undone, the form and the link's notice (with Restore) are back.
        let back = preset.apply(Action::Undo);
        assert_eq!(back.profile, starter_profile());
        assert_eq!(back.notice, failed.notice);
        assert_eq!(back.apply(Action::Restore).profile, saved);

        // A link error after a preset: no Undo on it, and none kept.
        let broken = state()
            .apply(Action::LoadPreset("china-mainland".into()))
            .apply(Action::LinkFailed {
                text: text!("damaged", "损坏"),
                saved: Some(saved.clone()),
            });
        assert_eq!(
            broken.notice.as_ref().unwrap().actions,
            [NoticeAction::Restore]
        );
        assert!(broken.undo.is_none());
        let same = broken.clone().apply(Action::Undo);
        assert_eq!(same.profile, broken.profile, "Undo went with its notice");
        // Removed with the next edit, a notice takes its Undo along.
        let removed = state()
            .apply(Action::AddRegistry("quay.io".into()))
            .apply(Action::RemoveRegistry(1))
            .apply(Action::SetK3s(true));
        assert!(removed.notice.is_none() && removed.undo.is_none());
        let dismissed = state()
            .apply(Action::LoadPreset("china-mainland".into()))
            .apply(Action::DismissNotice);
        assert!(dismissed.undo.is_none());
    }

    #[test]
    fn undoing_a_removal_keeps_the_page_as_it_was() {
        let s = state()
            .apply(Action::LoadPreset("china-mainland".into()))
            .apply(Action::SetCollapsed(2, true))
            .apply(Action::SetCollapsed(5, true))
            .apply(Action::SetProxyHttps("http://p:3128".into()))
            .apply(Action::EditMirror {
                registry: 3,
                mirror: 0,
                edit: MirrorEdit::Url("https://gcr.m.daocloud.io".into()),
            })
            .apply(Action::SelectFile("install.sh".into()));
        assert!(s.auto_loopback);
        let removed = s.clone().apply(Action::RemoveRegistry(2));
        assert!(!removed.collapsed.contains(&s.keys.registry(2)), "pruned");
        assert_eq!(removed.collapsed, [s.keys.registry(5)]);
        let back = removed.apply(Action::Undo);
        assert_eq!(back.profile, s.profile);
        assert_eq!(back.keys.registries, s.keys.registries, "no card remounts");
        assert_eq!(back.collapsed, s.collapsed);
        assert_eq!(back.selected_file, s.selected_file);
        assert_eq!(back.edited_registry, s.edited_registry);
        assert!(back.auto_loopback);
        assert!(back.is_collapsed(2) && back.is_collapsed(5));
        // Keys handed out meanwhile are not handed out again.
        let added = back.apply(Action::AddRegistry("example.test".into()));
        let k = added.keys.registry(12);
        assert!(k > s.keys.next, "{k}");
    }

    #[test]
    fn a_link_opened_in_the_page_is_undoable_and_offers_the_session() {
        let link = preset("corporate-proxy").unwrap().profile.clone();
        let s = state().apply(Action::AddRegistry("quay.io".into()));
        let opened = s.clone().apply(Action::LoadProfile {
            profile: link.clone(),
            saved: Some(s.profile.clone()),
        });
        assert_eq!(opened.profile, link);
        let n = opened.notice.as_ref().unwrap();
        assert_eq!(n.kind, NoticeKind::Info);
        assert_eq!(
            n.actions,
            [NoticeAction::Undo],
            "the session is the form before"
        );
        let back = opened.apply(Action::Undo);
        assert_eq!(back.profile, s.profile);
        assert_eq!(back.keys, s.keys);
        // Held after a broken link: the form is the starter, the session
        // another; both are offered.
        let mut saved = starter_profile();
        saved.kubernetes = false;
        let held = state()
            .apply(Action::LinkFailed {
                text: text!("damaged", "损坏"),
                saved: Some(saved.clone()),
            })
            .apply(Action::LoadProfile {
                profile: link.clone(),
                saved: Some(saved.clone()),
            });
        assert_eq!(
            held.notice.as_ref().unwrap().actions,
            [NoticeAction::Undo, NoticeAction::Restore]
        );
        assert!(held.may_save());
        assert_eq!(held.clone().apply(Action::Restore).profile, saved);
        let undone = held.apply(Action::Undo);
        assert_eq!(undone.profile, starter_profile());
        assert_eq!(
            undone.notice.unwrap().actions,
            [NoticeAction::Restore],
            "the link error is back, with its Restore"
        );
        // The same profile again (a reload): nothing to say.
        let same = s.clone().apply(Action::LoadProfile {
            profile: s.profile.clone(),
            saved: Some(s.profile.clone()),
        });
        assert!(same.notice.is_none() && same.undo.is_none());
        assert_eq!(same.keys, s.keys);
    }

    #[test]
    fn folded_cards_stay_with_their_registry() {
        let s = state()
            .apply(Action::AddRegistry("quay.io".into()))
            .apply(Action::AddRegistry("ghcr.io".into()))
            .apply(Action::SetCollapsed(1, true));
        assert!(s.is_collapsed(1) && !s.is_collapsed(0));
        let s = s.apply(Action::RemoveRegistry(0));
        assert!(s.is_collapsed(0), "quay.io is still folded");
        assert!(!s.is_collapsed(1));
        let all = s.apply(Action::SetAllCollapsed(true));
        assert!(all.is_collapsed(0) && all.is_collapsed(1));
        assert!(!all.apply(Action::SetAllCollapsed(false)).is_collapsed(0));
    }

    #[test]
    fn notices_go_with_the_next_edit() {
        let s = state().apply(Action::LoadPreset("corporate-proxy".into()));
        assert!(s.notice.is_some());
        assert!(s.clone().apply(Action::SetLang(Lang::Zh)).notice.is_some());
        assert!(s.apply(Action::SetK3s(true)).notice.is_none());
    }

    #[test]
    fn presets_load_and_unknown_ones_say_so() {
        let s = state().apply(Action::LoadPreset("china-mainland".into()));
        assert_eq!(s.profile.registries.len(), 12);
        assert_eq!(s.notice.unwrap().kind, NoticeKind::Info);
        let s = state().apply(Action::LoadPreset("nope".into()));
        assert_eq!(s.notice.unwrap().kind, NoticeKind::Error);
        assert_eq!(s.profile, starter_profile());
    }
}
