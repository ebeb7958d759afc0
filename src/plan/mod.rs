//! The plan: a profile parsed and validated. Renderers and checks read the
//! plan; what failed to parse is kept as [`Invalid`] entries (reported by the
//! input checks) and left out, so everything valid still renders.

mod duration;
mod field;
mod image_ref;
mod no_proxy;
mod registry_host;
mod url;

pub use duration::parse_go_duration;
pub use field::{Field, MirrorField};
pub use image_ref::ImageRef;
pub use no_proxy::{go_uses_proxy, NoProxyEntry, NoProxyError};
pub use registry_host::{DefaultUpstream, RegistryHost, RegistryHostError, DOCKER_HUB_API_HOST};
use url::{describe_forbidden, first_forbidden_char};
pub use url::{encode_userinfo, is_forbidden_char, Host, Url, UrlError, UrlRules};
pub(crate) use url::{push_decimal, split_scheme};

use std::net::IpAddr;

use crate::catalog::{catalog, ProviderKind};
use crate::i18n::Text;
use crate::profile::{Capability, Mirror, Profile, Registry};
use crate::text;

/// Which kind of input failed to parse; each kind has its own check code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvalidKind {
    RegistryHost,
    Server,
    MirrorUrl,
    Header,
    DialTimeout,
    FilePath,
    ProxyUrl,
    NoProxyEntry,
    NoProxyPreset,
    ConfigPath,
    SandboxImage,
    ColimaProfile,
}

/// A value that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub kind: InvalidKind,
    pub field: Field,
    pub value: String,
    pub reason: Text,
}

pub struct MirrorPlan<'p> {
    pub index: usize,
    pub source: &'p Mirror,
    pub url: Url,
    /// `url` as written into the files (formatted once).
    pub url_text: String,
    /// The catalog provider whose host this is (by URL, not by the label).
    pub known_provider: Option<&'static crate::catalog::Provider>,
    pub ca: Vec<&'p str>,
    pub client: Vec<(&'p str, &'p str)>,
    pub headers: Vec<(&'p str, &'p str)>,
    pub dial_timeout: Option<&'p str>,
    /// Inside the user's network or on the node: bypasses the proxy.
    pub in_network: bool,
}

impl MirrorPlan<'_> {
    /// Capabilities in containerd's order, without repeats; empty means all.
    pub fn capabilities(&self) -> Vec<Capability> {
        self.each_capability().collect()
    }

    /// [`Self::capabilities`] without collecting them (hosts.toml writes
    /// them twice per mirror): [`Capability::ALL`] is in containerd's order.
    pub fn each_capability(&self) -> impl Iterator<Item = Capability> + '_ {
        Capability::ALL
            .into_iter()
            .filter(|c| self.source.capabilities.contains(c))
    }

    pub fn has(&self, cap: Capability) -> bool {
        self.source.has(cap)
    }

    /// The URL containerd's requests are built on (`.../v2` unless overridden).
    pub fn api_root(&self) -> String {
        api_root(&self.url, self.source.override_path)
    }
}

/// The upstream of a registry without `server`, as Mirrorsmith writes and
/// assumes it (render, plan and import): containerd's default host
/// ([`RegistryHost::default_upstream`]: registry-1.docker.io for docker.io)
/// with the scheme of [`RegistryHost::defaults_to_http`]. None for `_default`.
/// Built from the parts, not by parsing that URL's text (a test holds them
/// equal): it runs for every registry in the plan, render and checks.
pub fn default_upstream_url(host: &RegistryHost) -> Option<Url> {
    let RegistryHost::Host { host: name, port } = host else {
        return None;
    };
    let (name, port) = if host.is_docker_hub() {
        (Host::Name(DOCKER_HUB_API_HOST.to_string()), None)
    } else {
        (name.clone(), *port)
    };
    Some(Url {
        scheme: if host.defaults_to_http() {
            "http"
        } else {
            "https"
        },
        userinfo: None,
        host: name,
        port,
        path: String::new(),
        had_trailing_slash: false,
    })
}

/// containerd's path rule: no path -> `/v2`; a path gets `/v2` appended
/// unless it ends in `/v2` or `override_path` is set.
pub fn api_root(url: &Url, override_path: bool) -> String {
    let mut s = String::with_capacity(url.scheme.len() + url.path.len() + 40);
    s.push_str(url.scheme);
    s.push_str("://");
    url.push_authority(&mut s);
    s.push_str(&url.path);
    if !(override_path || url.path.ends_with("/v2")) {
        s.push_str("/v2");
    }
    s
}

pub struct RegistryPlan<'p> {
    pub index: usize,
    pub source: &'p Registry,
    pub host: RegistryHost,
    /// `host` as image names and the hosts.toml directory write it
    /// (`docker.io`, `registry.test:5000`, `_default`), formatted once.
    pub name: String,
    /// The upstream written as `server`; None lets containerd use the registry itself.
    pub server: Option<Url>,
    /// [`default_upstream_url`] when there is no `server`, made once: the
    /// plan, render and checks all ask for the upstream.
    default_upstream: Option<Url>,
    pub mirrors: Vec<MirrorPlan<'p>>,
    /// Mirrors left out because an earlier one has the same URL.
    pub duplicate_mirrors: Vec<usize>,
}

impl RegistryPlan<'_> {
    /// The upstream containerd contacts after the mirrors: `server`, or
    /// [`default_upstream_url`]. None for `_default`.
    pub fn upstream_url(&self) -> Option<&Url> {
        self.server.as_ref().or(self.default_upstream.as_ref())
    }

    /// Where containerd sends requests when no mirror answers.
    pub fn upstream_root(&self) -> Option<String> {
        self.upstream_url().map(|u| api_root(u, false))
    }
}

/// Where a NO_PROXY entry came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoProxySource {
    Preset(String),
    User(usize),
    Mirror {
        registry: usize,
        mirror: usize,
    },
    /// An in-network registry's own upstream.
    Registry {
        registry: usize,
    },
}

pub struct ProxyPlan {
    pub http: Option<Url>,
    pub https: Option<Url>,
    /// The final NO_PROXY list, without repeats, with where each came from.
    pub no_proxy: Vec<(NoProxyEntry, NoProxySource)>,
}

impl ProxyPlan {
    pub fn is_set(&self) -> bool {
        self.http.is_some() || self.https.is_some()
    }

    /// NO_PROXY as the daemons get it: only beside a proxy, only when it
    /// bypasses something.
    pub fn no_proxy_env(&self) -> Option<String> {
        (self.is_set() && !self.no_proxy.is_empty()).then(|| self.no_proxy_value())
    }

    /// The NO_PROXY value, comma-separated.
    pub fn no_proxy_value(&self) -> String {
        let mut value = String::with_capacity(24 * self.no_proxy.len());
        for (i, (e, _)) in self.no_proxy.iter().enumerate() {
            if i > 0 {
                value.push(',');
            }
            e.push_to(&mut value);
        }
        value
    }

    pub fn entries(&self) -> impl Iterator<Item = &NoProxyEntry> {
        self.no_proxy.iter().map(|(e, _)| e)
    }

    /// Go's choice of proxy for a request to `url`: None when direct.
    pub fn proxy_for(&self, url: &Url) -> Option<&Url> {
        let proxy = if url.is_http() {
            self.http.as_ref()
        } else {
            self.https.as_ref()
        }?;
        go_uses_proxy(self.entries(), url).then_some(proxy)
    }
}

pub struct Plan<'p> {
    pub profile: &'p Profile,
    pub registries: Vec<RegistryPlan<'p>>,
    pub proxy: ProxyPlan,
    /// The hosts directory, when containerd is a target and the path is valid.
    pub config_path: String,
    pub sandbox_image: Option<String>,
    pub colima_profile: String,
    pub invalid: Vec<Invalid>,
    /// Registries left out as repeats: (index, index of the one kept).
    pub duplicate_registries: Vec<(usize, usize)>,
}

impl<'p> Plan<'p> {
    pub fn new(profile: &'p Profile) -> Plan<'p> {
        let mut invalid = Vec::new();
        let mut bad = |kind, field, value: &str, reason: Text| {
            invalid.push(Invalid {
                kind,
                field,
                value: value.to_string(),
                reason,
            })
        };

        let mut registries: Vec<RegistryPlan<'p>> = Vec::with_capacity(profile.registries.len());
        let mut duplicate_registries = Vec::new();
        for (ri, reg) in profile.registries.iter().enumerate() {
            let host = match RegistryHost::parse(&reg.host) {
                Ok(h) => h,
                Err(e) => {
                    bad(
                        InvalidKind::RegistryHost,
                        Field::RegistryHost(ri),
                        &reg.host,
                        e.describe(),
                    );
                    continue;
                }
            };
            // A repeated registry is reported by its own check; the first one wins.
            if let Some(first) = registries.iter().find(|r| r.host == host) {
                duplicate_registries.push((ri, first.index));
                continue;
            }
            let name = host.name();
            let server = if reg.server.trim().is_empty() {
                catalog().upstream_url(&name).cloned()
            } else {
                match Url::parse(&reg.server, UrlRules::MIRROR) {
                    Ok(u) => Some(u),
                    Err(e) => {
                        bad(
                            InvalidKind::Server,
                            Field::RegistryServer(ri),
                            &reg.server,
                            e.describe(),
                        );
                        None
                    }
                }
            };
            let mut mirrors: Vec<MirrorPlan<'p>> = Vec::with_capacity(reg.mirrors.len());
            let mut duplicate_mirrors = Vec::new();
            for (mi, m) in reg.mirrors.iter().enumerate() {
                let field = |f| Field::mirror(ri, mi, f);
                let url = match Url::parse(&m.url, UrlRules::MIRROR) {
                    Ok(u) => u,
                    Err(e) => {
                        bad(
                            InvalidKind::MirrorUrl,
                            field(MirrorField::Url),
                            &m.url,
                            e.describe(),
                        );
                        continue;
                    }
                };
                let url_text = url.text();
                if mirrors.iter().any(|m| m.url_text == url_text) {
                    duplicate_mirrors.push(mi);
                    continue;
                }
                let mut ca = Vec::new();
                // Lists edited as text keep blank lines while typing: skip them.
                for (i, path) in
                    m.ca.iter()
                        .enumerate()
                        .filter(|(_, p)| !p.trim().is_empty())
                {
                    match check_file_path(path) {
                        Ok(()) => ca.push(path.trim()),
                        Err(r) => bad(InvalidKind::FilePath, field(MirrorField::Ca(i)), path, r),
                    }
                }
                let mut client = Vec::new();
                for (i, c) in m
                    .client
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !(c.cert.trim().is_empty() && c.key.trim().is_empty()))
                {
                    let key_ok = c.key.trim().is_empty() || check_file_path(&c.key).is_ok();
                    match check_file_path(&c.cert) {
                        Ok(()) if key_ok => client.push((c.cert.trim(), c.key.trim())),
                        Ok(()) => bad(
                            InvalidKind::FilePath,
                            field(MirrorField::Client(i)),
                            &c.key,
                            check_file_path(&c.key)
                                .err()
                                .unwrap_or_else(|| text!("is invalid", "无效")),
                        ),
                        Err(r) => bad(
                            InvalidKind::FilePath,
                            field(MirrorField::Client(i)),
                            &c.cert,
                            r,
                        ),
                    }
                }
                let mut headers: Vec<(&str, &str)> = Vec::new();
                for (i, h) in m
                    .headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| !(h.name.trim().is_empty() && h.value.trim().is_empty()))
                {
                    match check_header(&h.name, &h.value) {
                        Ok(()) => {
                            let name = h.name.trim();
                            if headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                                bad(
                                    InvalidKind::Header,
                                    field(MirrorField::Header(i)),
                                    &h.name,
                                    text!(
                                        "repeats a header name given above",
                                        "与上面的请求头同名"
                                    ),
                                );
                            } else {
                                headers.push((name, h.value.trim()));
                            }
                        }
                        Err(r) => bad(
                            InvalidKind::Header,
                            field(MirrorField::Header(i)),
                            &h.name,
                            r,
                        ),
                    }
                }
                let dial_timeout = if m.dial_timeout.trim().is_empty() {
                    None
                } else if parse_go_duration(&m.dial_timeout).is_some() {
                    Some(m.dial_timeout.trim())
                } else {
                    bad(
                        InvalidKind::DialTimeout,
                        field(MirrorField::DialTimeout),
                        &m.dial_timeout,
                        text!(
                            "is not a Go duration such as 3s, 500ms or 1m30s",
                            "不是 Go 时长格式，例如 3s、500ms 或 1m30s"
                        ),
                    );
                    None
                };
                let in_network = is_in_network(&m.provider, &url);
                let known_provider = catalog().provider_for_url(&url_text);
                mirrors.push(MirrorPlan {
                    index: mi,
                    source: m,
                    url,
                    url_text,
                    known_provider,
                    ca,
                    client,
                    headers,
                    dial_timeout,
                    in_network,
                });
            }
            let default_upstream = match server {
                Some(_) => None,
                None => default_upstream_url(&host),
            };
            registries.push(RegistryPlan {
                index: ri,
                source: reg,
                name,
                host,
                server,
                default_upstream,
                mirrors,
                duplicate_mirrors,
            });
        }

        let proxy_url =
            |value: &str, field, bad: &mut dyn FnMut(InvalidKind, Field, &str, Text)| {
                if value.trim().is_empty() {
                    return None;
                }
                match Url::parse(value, UrlRules::PROXY) {
                    Ok(u) => Some(u),
                    Err(e) => {
                        bad(InvalidKind::ProxyUrl, field, value, e.describe());
                        None
                    }
                }
            };
        let http = proxy_url(&profile.proxy.http, Field::ProxyHttp, &mut bad);
        let https = proxy_url(&profile.proxy.https, Field::ProxyHttps, &mut bad);

        let mut no_proxy: Vec<(NoProxyEntry, NoProxySource)> = Vec::new();
        let mut add = |e: NoProxyEntry, s: NoProxySource| {
            if !no_proxy.iter().any(|(x, _)| *x == e) {
                no_proxy.push((e, s));
            }
        };
        for (i, id) in profile.proxy.presets.iter().enumerate() {
            match catalog().no_proxy_preset(id) {
                Some(p) => {
                    for entry in &p.entries {
                        if let Ok(e) = NoProxyEntry::parse(entry) {
                            add(e, NoProxySource::Preset(id.clone()));
                        }
                    }
                }
                None => bad(
                    InvalidKind::NoProxyPreset,
                    Field::NoProxyPreset(i),
                    id,
                    text!("is not a known NO_PROXY preset", "不是已知的 NO_PROXY 预设"),
                ),
            }
        }
        // One entry per line; a pasted NO_PROXY value (a,b,c) works too.
        for (i, line) in profile.proxy.no_proxy.iter().enumerate() {
            for raw in line.split(',').filter(|e| !e.trim().is_empty()) {
                match NoProxyEntry::parse(raw) {
                    Ok(e) => add(e, NoProxySource::User(i)),
                    Err(e) => bad(
                        InvalidKind::NoProxyEntry,
                        Field::NoProxy(i),
                        raw,
                        e.describe(),
                    ),
                }
            }
        }
        if profile.proxy.mirrors_bypass {
            // The whole host, any port: what a user would write by hand.
            let entry = |host: &Host| match host {
                Host::Ip(ip) => NoProxyEntry::Ip {
                    ip: *ip,
                    port: None,
                },
                Host::Name(n) => NoProxyEntry::Domain {
                    suffix: n.clone(),
                    include_self: true,
                    port: None,
                },
            };
            for r in &registries {
                for m in r
                    .mirrors
                    .iter()
                    .filter(|m| m.in_network && !m.url.host.is_loopback())
                {
                    add(
                        entry(&m.url.host),
                        NoProxySource::Mirror {
                            registry: r.index,
                            mirror: m.index,
                        },
                    );
                }
                if let Some(u) = r
                    .upstream_url()
                    .filter(|u| is_in_network_host(&u.host) && !u.host.is_loopback())
                {
                    add(
                        entry(&u.host),
                        NoProxySource::Registry { registry: r.index },
                    );
                }
            }
        }

        let config_path = match &profile.containerd {
            Some(c) => match check_config_path(&c.config_path) {
                Ok(()) => c.config_path.trim().to_string(),
                Err(r) => {
                    bad(
                        InvalidKind::ConfigPath,
                        Field::ConfigPath,
                        &c.config_path,
                        r,
                    );
                    crate::profile::DEFAULT_CONFIG_PATH.to_string()
                }
            },
            None => crate::profile::DEFAULT_CONFIG_PATH.to_string(),
        };

        let sandbox_image = if profile.sandbox_image.trim().is_empty() {
            None
        } else {
            match ImageRef::parse(&profile.sandbox_image) {
                Ok(_) => Some(profile.sandbox_image.trim().to_string()),
                Err(e) => {
                    bad(
                        InvalidKind::SandboxImage,
                        Field::SandboxImage,
                        &profile.sandbox_image,
                        Text::new(
                            format!("is not an image reference: {e}"),
                            format!("不是有效的镜像引用：{e}"),
                        ),
                    );
                    None
                }
            }
        };

        let colima_profile = match &profile.colima {
            Some(c) if !is_safe_name(&c.profile) => {
                bad(
                    InvalidKind::ColimaProfile,
                    Field::ColimaProfile,
                    &c.profile,
                    text!(
                        "must be letters, digits, '.', '_' or '-' (it names a directory)",
                        "只能包含字母、数字、'.'、'_' 或 '-'（它是目录名）"
                    ),
                );
                "default".to_string()
            }
            Some(c) => c.profile.clone(),
            None => "default".to_string(),
        };

        Plan {
            profile,
            registries,
            proxy: ProxyPlan {
                http,
                https,
                no_proxy,
            },
            config_path,
            sandbox_image,
            colima_profile,
            invalid,
            duplicate_registries,
        }
    }

    /// The plan of the registry an image reference's registry name selects,
    /// following containerd's lookup (exact directory, then `_default`).
    pub fn registry_for(&self, registry: &str) -> Option<&RegistryPlan<'p>> {
        let wanted = RegistryHost::parse(registry).ok()?;
        self.registries
            .iter()
            .find(|r| r.host == wanted)
            .or_else(|| self.registries.iter().find(|r| r.host.is_default()))
    }
}

fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

fn check_file_path(p: &str) -> Result<(), Text> {
    let p = p.trim();
    if p.is_empty() {
        return Err(text!("is empty", "为空"));
    }
    if let Some(c) = first_forbidden_char(p) {
        let what = describe_forbidden(c);
        return Err(Text::new(
            format!("contains {}", what.en),
            format!("包含{}", what.zh),
        ));
    }
    Ok(())
}

fn check_config_path(p: &str) -> Result<(), Text> {
    check_file_path(p)?;
    let p = p.trim();
    if !p.starts_with('/') {
        return Err(text!("must be an absolute path", "必须是绝对路径"));
    }
    if p.contains(':') {
        return Err(text!(
            "must be ONE directory: with the transfer service (default for CRI from containerd 2.1) a:b is read as a single path",
            "只能是一个目录：启用 transfer service 后（containerd 2.1 起 CRI 默认启用）a:b 会被当作一个路径"
        ));
    }
    if p.split('/').any(|s| s == "..") {
        return Err(text!("must not contain ..", "不能包含 .."));
    }
    Ok(())
}

fn check_header(name: &str, value: &str) -> Result<(), Text> {
    let name = name.trim();
    if name.is_empty() {
        return Err(text!("has an empty name", "名称为空"));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    {
        return Err(text!(
            "has a name that is not an HTTP token (letters, digits, - and a few symbols)",
            "名称不是合法的 HTTP token（字母、数字、- 等）"
        ));
    }
    if let Some(c) = first_forbidden_char(value) {
        let what = describe_forbidden(c);
        return Err(Text::new(
            format!("has a value with {}", what.en),
            format!("值包含{}", what.zh),
        ));
    }
    Ok(())
}

/// Self-hosted and node-local providers, private IPs and internal-looking
/// names are inside the network: they must not go through the proxy.
pub fn is_in_network(provider: &str, url: &Url) -> bool {
    if let Some(p) = catalog().provider(provider) {
        match p.kind {
            ProviderKind::SelfHosted | ProviderKind::NodeLocal => return true,
            ProviderKind::Public => return false,
            ProviderKind::Custom => {}
        }
    }
    is_in_network_host(&url.host)
}

/// An IPv6 unique local address (fc00::/7), IPv6's private range.
pub fn is_unique_local(ip: &std::net::Ipv6Addr) -> bool {
    (ip.segments()[0] & 0xfe00) == 0xfc00
}

/// Private, loopback and link-local IPs, single-label names and names under
/// suffixes used only inside networks.
pub fn is_in_network_host(host: &Host) -> bool {
    match host {
        Host::Ip(IpAddr::V4(ip)) => ip.is_private() || ip.is_loopback() || ip.is_link_local(),
        Host::Ip(IpAddr::V6(ip)) => ip.is_loopback() || is_unique_local(ip),
        Host::Name(n) => {
            !n.contains('.')
                || [
                    ".local",
                    ".internal",
                    ".lan",
                    ".corp",
                    ".home.arpa",
                    ".intranet",
                    ".localdomain",
                    ".svc",
                    ".cluster.local",
                    ".test",
                ]
                .iter()
                .any(|s| n.ends_with(s))
        }
    }
}
