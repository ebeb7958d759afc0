//! App state: the profile being edited plus what the page shows, changed
//! only by [`Action`]s through [`AppState::apply`], a pure function.

use serde::{Deserialize, Serialize};

use crate::catalog::catalog;
use crate::i18n::{Lang, Text};
use crate::import::{import, HostsInput, Imported};
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

/// A message above the form (a link that could not be opened, a preset loaded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: Text,
}

/// What the user pasted or uploaded to import, and what came of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportState {
    /// The node's config.toml.
    pub config: String,
    /// hosts.toml files: (directory name, text).
    pub hosts: Vec<(String, String)>,
    /// The containerd the files are for; guessed when None.
    pub version: Option<ContainerdVersion>,
    /// The report of the last import (its profile went into the form).
    pub report: Option<Imported>,
    /// Render the node's config.toml patched instead of a new one.
    pub patch: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppState {
    pub profile: Profile,
    pub lang: Lang,
    pub theme: Theme,
    /// The file shown in the preview (by path).
    pub selected_file: Option<String>,
    /// Put URL passwords and header values into the page URL.
    pub include_secrets: bool,
    pub notice: Option<Notice>,
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

impl AppState {
    pub fn new(profile: Profile, lang: Lang) -> AppState {
        AppState {
            profile,
            lang,
            theme: Theme::Auto,
            selected_file: None,
            include_secrets: false,
            notice: None,
            import: ImportState::default(),
            explain_image: "nginx".to_string(),
        }
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
    /// Replace the profile with a preset's.
    LoadPreset(String),
    /// Replace the profile (opened link, restored session).
    LoadProfile(Profile),
    Notify(Notice),
    DismissNotice,
    SelectFile(String),
    SetIncludeSecrets(bool),

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
    /// Read the pasted files into the form (replaces the profile).
    RunImport,
    SetPatch(bool),
    SetExplainImage(String),
}

fn lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_string).collect()
    }
}

impl AppState {
    /// The state after `action`. Indices out of range change nothing.
    pub fn apply(mut self, action: Action) -> AppState {
        let p = &mut self.profile;
        match action {
            Action::SetLang(l) => self.lang = l,
            Action::SetTheme(t) => self.theme = t,
            Action::LoadPreset(id) => match preset(&id) {
                Some(pr) => {
                    self.profile = pr.profile.clone();
                    self.selected_file = None;
                    let (en, zh) = (&pr.preset.name, &pr.preset.name_zh);
                    self.notice = Some(Notice {
                        kind: NoticeKind::Info,
                        text: text!(
                            "Loaded the preset \u{201c}{en}\u{201d}.",
                            "已载入预设“{zh}”。"
                        ),
                    });
                }
                None => {
                    self.notice = Some(Notice {
                        kind: NoticeKind::Error,
                        text: text!("There is no preset {id}.", "没有名为 {id} 的预设。"),
                    })
                }
            },
            Action::LoadProfile(profile) => {
                self.profile = profile;
                self.selected_file = None;
            }
            Action::Notify(n) => self.notice = Some(n),
            Action::DismissNotice => self.notice = None,
            Action::SelectFile(path) => self.selected_file = Some(path),
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
                if i < p.registries.len() {
                    p.registries.remove(i);
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
                    }
                }
            }
            Action::MoveMirror { registry, from, to } => {
                if let Some(r) = p.registries.get_mut(registry) {
                    if from < r.mirrors.len() && to < r.mirrors.len() {
                        let m = r.mirrors.remove(from);
                        r.mirrors.insert(to, m);
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
                        }
                        let upstream = catalog()
                            .registry(&host)
                            .map(|r| r.upstream.clone())
                            .unwrap_or_default();
                        if let (Some(r), Some(m)) = (
                            p.registries.iter_mut().find(|r| r.host.trim() == host),
                            provider.mirror_for(&host, &upstream, &Default::default()),
                        ) {
                            if !r.mirrors.iter().any(|x| x.url == m.url) {
                                r.mirrors.insert(0, m);
                            }
                        }
                    }
                }
            }

            Action::SetProxyHttp(s) => p.proxy.http = s,
            Action::SetProxyHttps(s) => p.proxy.https = s,
            Action::ToggleNoProxyPreset(id) => {
                match p.proxy.presets.iter().position(|x| *x == id) {
                    Some(i) => {
                        p.proxy.presets.remove(i);
                    }
                    None => p.proxy.presets.push(id),
                }
            }
            Action::SetNoProxy(text) => p.proxy.no_proxy = lines(&text),
            Action::SetMirrorsBypass(on) => p.proxy.mirrors_bypass = on,
            Action::SetK3s(on) => p.proxy.k3s = on,
            Action::SetSandboxImage(s) => p.sandbox_image = s,
            Action::SetSystemdCgroup(v) => p.systemd_cgroup = v,

            Action::SetImportConfig(s) => self.import.config = s,
            Action::AddImportHosts => self.import.hosts.push((String::new(), String::new())),
            Action::SetImportHosts(i, dir, text) => {
                if let Some(h) = self.import.hosts.get_mut(i) {
                    *h = (dir, text);
                }
            }
            Action::RemoveImportHosts(i) => {
                if i < self.import.hosts.len() {
                    self.import.hosts.remove(i);
                }
            }
            Action::SetImportVersion(v) => self.import.version = v,
            Action::RunImport => {
                let config = Some(self.import.config.as_str()).filter(|c| !c.trim().is_empty());
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
                    self.notice = Some(Notice {
                        kind: NoticeKind::Error,
                        text: text!(
                            "Paste a config.toml or a hosts.toml first.",
                            "请先粘贴 config.toml 或 hosts.toml。"
                        ),
                    });
                } else {
                    let imported = import(config, &hosts, self.import.version);
                    let n = imported.profile.registries.len();
                    self.profile = imported.profile.clone();
                    self.selected_file = None;
                    self.import.patch = config.is_some()
                        && imported.config_version.is_some()
                        && !imported.findings.iter().any(|f| f.code == "MS601");
                    self.import.report = Some(imported);
                    self.notice = Some(Notice {
                        kind: NoticeKind::Info,
                        text: text!(
                            "Imported: {n} registries. Review the report below the import box.",
                            "已导入：{n} 个镜像仓库。请查看导入框下方的报告。"
                        ),
                    });
                }
            }
            Action::SetPatch(on) => self.import.patch = on && !self.import.config.trim().is_empty(),
            Action::SetExplainImage(s) => self.explain_image = s,
        }
        self
    }
}

fn edit_mirror(m: &mut Mirror, edit: MirrorEdit) {
    match edit {
        MirrorEdit::Url(s) => m.url = s,
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
    fn presets_load_and_unknown_ones_say_so() {
        let s = state().apply(Action::LoadPreset("china-mainland".into()));
        assert_eq!(s.profile.registries.len(), 12);
        assert_eq!(s.notice.unwrap().kind, NoticeKind::Info);
        let s = state().apply(Action::LoadPreset("nope".into()));
        assert_eq!(s.notice.unwrap().kind, NoticeKind::Error);
        assert_eq!(s.profile, starter_profile());
    }
}
