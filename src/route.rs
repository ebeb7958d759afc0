//! The pull-route explainer: for an image reference, which hosts.toml
//! directory containerd picks, the hosts it then tries in order, and the
//! registry API requests of a pull on them, each with its `?ns=` and the
//! proxy decision Go's rules make:
//! - resolve (resolver.go): HEAD of the manifest on every host that may
//!   resolve it (pull and resolve for a tag, pull for a digest), in order;
//!   the other hosts are listed as skipped, with why;
//! - fetch (fetcher.go): GET of each manifest and blob from every host in
//!   turn until one answers; fetching skips no host.
//!
//! The host list is config/hosts.go's: the hosts.toml Mirrorsmith writes,
//! then `server` or containerd's default host. Left out: token requests,
//! redirects to blob hosts (named in the notes instead) and retries. One
//! request containerd repeats is listed once: for a registry without
//! mirrors, the hosts.toml lists the registry itself as a host before the
//! same registry as root; when the root may do all the host may, it is one
//! host here, though containerd asks the URL again after a failure there
//! (a note says so).

use std::borrow::Cow;

use serde::Serialize;

use crate::catalog::catalog;
use crate::i18n::Text;
use crate::plan::{
    api_root, ImageRef, InvalidKind, NoProxyEntry, NoProxySource, Plan, RegistryHost, Url,
    UrlRules, DOCKER_HUB_API_HOST,
};
use crate::profile::Capability;
use crate::render::hosts_file;
use crate::text;

/// One directory containerd looks at, in lookup order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DirLookup {
    pub path: String,
    pub exists: bool,
}

/// How a request leaves the node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Via {
    /// Through the proxy at this URL (credentials hidden).
    Proxy { proxy: String },
    /// Straight to the host, and why.
    Direct { reason: Text },
}

impl Via {
    pub fn is_proxy(&self) -> bool {
        matches!(self, Via::Proxy { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HostRole {
    Mirror,
    /// The registry itself (`server`, or the image's own registry).
    Upstream,
}

/// A host in containerd's list, and what it is used for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteHost {
    /// The API root requests are built on (`https://m/v2`, or the path as is with override_path).
    pub api_root: String,
    pub role: HostRole,
    /// `host[:port]` of the host.
    pub authority: String,
    /// Mirror index in the registry, for the UI.
    pub mirror: Option<usize>,
    pub capabilities: Vec<Capability>,
    /// Used to resolve the reference (None) or skipped with the reason.
    /// Fetching content never skips a host: containerd asks every one.
    pub resolve_skipped: Option<Text>,
    /// How containerd chooses the scheme when none was written (loopback
    /// registries: https first with a fallback to http, or by release).
    pub scheme_note: Option<Text>,
    pub via: Via,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    /// An index or manifest (`/manifests/`).
    Manifest,
    /// A config or layer (`/blobs/`).
    Blob,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Request {
    pub method: &'static str,
    pub url: String,
    /// Index into [`Route::hosts`].
    pub host: usize,
    pub object: Object,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Route {
    /// The normalised reference (`docker.io/library/nginx:latest`).
    pub image: String,
    pub registry: String,
    pub repository: String,
    /// Directories containerd looks at, in order; the first existing one wins.
    pub lookup: Vec<DirLookup>,
    /// The directory used, if any (else containerd's default host only).
    pub directory: Option<String>,
    pub hosts: Vec<RouteHost>,
    /// Requests of the resolve step, in the order containerd tries them.
    pub resolve: Vec<Request>,
    /// Requests for each content object once resolved, tried in this order
    /// until one answers: every index and manifest from every host, then
    /// every config and layer from every host (containerd's fetcher).
    pub fetch: Vec<Request>,
    pub notes: Vec<Text>,
}

/// containerd's `hostDirectory`: `host:port` also as `host_port_` (for
/// file systems without `:`), tried first.
fn lookup_dirs(config_path: &str, registry: &str) -> Vec<String> {
    let root = config_path.trim_end_matches('/');
    let mut dirs = Vec::new();
    if let Some((h, p)) = registry.rsplit_once(':').filter(|(h, _)| !h.is_empty()) {
        dirs.push(format!("{root}/{h}_{p}_"));
    }
    dirs.push(format!("{root}/{registry}"));
    dirs.push(format!("{root}/_default"));
    dirs
}

fn proxy_decision(plan: &Plan, url: &Url) -> Via {
    let proxy = if url.is_http() {
        plan.proxy.http.as_ref()
    } else {
        plan.proxy.https.as_ref()
    };
    let var = if url.is_http() {
        "HTTP_PROXY"
    } else {
        "HTTPS_PROXY"
    };
    let Some(proxy) = proxy else {
        return Via::Direct {
            reason: text!("no {var} is set", "未设置 {var}"),
        };
    };
    if url.host.is_loopback() {
        return Via::Direct {
            reason: text!(
                "localhost and loopback IPs are never proxied",
                "localhost 与回环地址永远不走代理"
            ),
        };
    }
    let port = url.effective_port();
    match plan
        .proxy
        .no_proxy
        .iter()
        .find(|(e, _)| e.matches(&url.host, port))
    {
        Some((entry, source)) => {
            let from = match source {
                NoProxySource::Preset(id) => format!(" (preset {id})"),
                NoProxySource::User(_) => String::new(),
                NoProxySource::Mirror { .. } => " (added for an in-network mirror)".to_string(),
                NoProxySource::Registry { .. } => " (added for an in-network registry)".to_string(),
            };
            let e = entry.to_string();
            Via::Direct {
                reason: text!(
                    "NO_PROXY entry {e}{from} matches",
                    "NO_PROXY 条目 {e}{from} 匹配"
                ),
            }
        }
        None => Via::Proxy {
            proxy: proxy.redacted(),
        },
    }
}

fn has(caps: &[Capability], c: Capability) -> bool {
    caps.is_empty() || caps.contains(&c)
}

/// `?ns=<registry>` on every host but the registry itself (containerd's
/// isProxy; docker.io being [`DOCKER_HUB_API_HOST`]).
fn ns(registry: &str, authority: &str) -> String {
    let same =
        authority == registry || (registry == "docker.io" && authority == DOCKER_HUB_API_HOST);
    if same {
        return String::new();
    }
    let encoded: String = registry
        .chars()
        .map(|c| match c {
            ':' => "%3A".to_string(),
            '[' => "%5B".to_string(),
            ']' => "%5D".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("?ns={encoded}")
}

/// Capabilities as written in hosts.toml (absent or empty: all).
fn written_caps(caps: &Option<Vec<Cow<'static, str>>>) -> Vec<Capability> {
    caps.iter()
        .flatten()
        .filter_map(|c| Capability::parse(c))
        .collect()
}

/// Explains how containerd would pull `image` with this plan's files. The
/// host list is the hosts.toml Mirrorsmith writes for the directory that
/// applies, then its root (`server`, or containerd's default host).
pub fn explain(plan: &Plan, image: &str) -> Result<Route, Text> {
    let r = ImageRef::parse(image).map_err(|e| {
        Text::new(
            format!("Not an image reference: {e}"),
            format!("不是有效的镜像引用：{e}"),
        )
    })?;
    let reg_host = RegistryHost::parse(&r.registry).map_err(|e| e.describe())?;
    let registry = reg_host.to_string();
    let config_path = plan.config_path.as_str();
    let version = plan
        .profile
        .containerd
        .as_ref()
        .map(|c| c.version)
        .unwrap_or_default();

    // Which directories exist: those the profile writes.
    let written: Vec<String> = plan
        .registries
        .iter()
        .filter(|p| !(p.host.is_default() && p.mirrors.is_empty()))
        .map(|p| format!("{}/{}", config_path.trim_end_matches('/'), p.name))
        .collect();
    let lookup: Vec<DirLookup> = lookup_dirs(config_path, &registry)
        .into_iter()
        .map(|path| DirLookup {
            exists: written.contains(&path),
            path,
        })
        .collect();
    let directory = lookup.iter().find(|d| d.exists).map(|d| d.path.clone());
    let reg_plan = directory.as_ref().and_then(|d| {
        let dir = d.rsplit('/').next().unwrap_or("");
        plan.registries.iter().find(|p| p.name == dir)
    });

    let mut notes = Vec::new();
    let mut hosts: Vec<RouteHost> = Vec::new();
    let upstream = |url: &Url, caps: Vec<Capability>, scheme_note: Option<Text>| RouteHost {
        api_root: api_root(url, false),
        role: HostRole::Upstream,
        authority: url.authority(),
        mirror: None,
        capabilities: caps,
        resolve_skipped: None,
        scheme_note,
        via: proxy_decision(plan, url),
    };
    // The root host when no server is written: containerd's default.
    let default_root = |caps: Vec<Capability>| {
        let d = reg_host.default_upstream(version)?;
        let url = Url::parse(&d.url, UrlRules::MIRROR).ok()?;
        Some(upstream(&url, caps, d.note))
    };
    match reg_plan {
        Some(p) => {
            let file = hosts_file(p, version);
            for m in &p.mirrors {
                hosts.push(RouteHost {
                    api_root: m.api_root(),
                    role: HostRole::Mirror,
                    authority: m.url.authority(),
                    mirror: Some(m.index),
                    capabilities: m.capabilities(),
                    resolve_skipped: None,
                    scheme_note: None,
                    via: proxy_decision(plan, &m.url),
                });
            }
            let root_caps = written_caps(&file.root.capabilities);
            let root = match &file.server {
                Some(s) => Url::parse(s, UrlRules::MIRROR)
                    .ok()
                    .map(|u| upstream(&u, root_caps, None)),
                None => default_root(root_caps),
            };
            // A registry without mirrors gets a host table for itself (for
            // containerd 1.6) before the root. When the root is the same
            // host and may do as much, it is shown once (module docs).
            for (url, entry) in file.host.iter().skip(p.mirrors.len()) {
                let Ok(u) = Url::parse(url, UrlRules::MIRROR) else {
                    continue;
                };
                let host = upstream(&u, written_caps(&entry.capabilities), None);
                let covered = root.as_ref().is_some_and(|r| {
                    r.api_root == host.api_root
                        && (r.capabilities.is_empty()
                            || host.capabilities.iter().all(|c| r.capabilities.contains(c)))
                });
                notes.push(text!(
                    "{registry} has no mirror: its hosts.toml lists the registry itself as a host (containerd 1.6 rejects a file without one), before the same registry as the root; a request that fails there is asked again.",
                    "{registry} 没有镜像源：其 hosts.toml 把仓库本身列为一个地址（containerd 1.6 会拒绝没有地址的文件），之后根地址又是同一个仓库；在那里失败的请求会再问一次。"
                ));
                if !covered {
                    hosts.push(host);
                }
            }
            hosts.extend(root);
            if p.host.is_default() {
                notes.push(text!(
                    "{registry} has no directory of its own: _default applies (containerd >= 1.6.17 / 1.7.0).",
                    "{registry} 没有单独的目录：使用 _default（需要 containerd >= 1.6.17 / 1.7.0）。"
                ));
            }
            // What the plan left out of the file, so that nothing vanishes unexplained.
            for bad in plan
                .invalid
                .iter()
                .filter(|b| b.field.registry() == Some(p.index))
            {
                let (value, why) = (&bad.value, &bad.reason);
                match bad.kind {
                    InvalidKind::MirrorUrl => notes.push(Text::new(
                        format!("Mirror {value} is left out of hosts.toml: it {}.", why.en),
                        format!("镜像源 {value} 未写入 hosts.toml：它{}。", why.zh),
                    )),
                    InvalidKind::Server => notes.push(Text::new(
                        format!("server {value} is left out of hosts.toml: it {}; containerd's default host is used.", why.en),
                        format!("server {value} 未写入 hosts.toml：它{}；使用 containerd 的默认地址。", why.zh),
                    )),
                    _ => {}
                }
            }
            for &i in &p.duplicate_mirrors {
                let url = &p.source.mirrors[i].url;
                notes.push(text!(
                    "Mirror {url} repeats an earlier one: written once.",
                    "镜像源 {url} 与前面的重复：只写一次。"
                ));
            }
            if registry == "docker.io"
                && file
                    .server
                    .as_deref()
                    .and_then(|s| Url::parse(s, UrlRules::MIRROR).ok())
                    .is_some_and(|u| u.authority() == "docker.io")
            {
                notes.push(text!(
                    "server = https://docker.io fails: docker.io/v2 redirects to the website, so the upstream never answers. Leave server empty (containerd uses registry-1.docker.io) or write https://registry-1.docker.io.",
                    "server = https://docker.io 无法工作：docker.io/v2 会跳转到官网，上游永远不会应答。请留空 server（containerd 会使用 registry-1.docker.io），或写 https://registry-1.docker.io。"
                ));
            }
        }
        None => {
            hosts.extend(default_root(Vec::new()));
            notes.push(text!(
                "No hosts.toml applies to {registry}: containerd pulls from the registry itself.",
                "没有适用于 {registry} 的 hosts.toml：containerd 直接从仓库本身拉取。"
            ));
        }
    }

    let by_digest = r.digest.is_some();
    for h in &mut hosts {
        if !has(&h.capabilities, Capability::Pull) {
            h.resolve_skipped = Some(text!(
                "no pull capability: never asked to resolve",
                "没有 pull 能力：从不用于解析"
            ));
        } else if !by_digest && !has(&h.capabilities, Capability::Resolve) {
            h.resolve_skipped = Some(text!(
                "no resolve capability: tags are not resolved here",
                "没有 resolve 能力：不在这里解析标签"
            ));
        }
    }
    let request = |i: usize, h: &RouteHost, method, path: &str, object| Request {
        method,
        url: format!(
            "{}/{}/{path}{}",
            h.api_root,
            r.repository,
            ns(&registry, &h.authority)
        ),
        host: i,
        object,
    };
    let object = r.reference().to_string();
    // Resolve (resolver.go): by tag HEAD manifests/<tag> on pull+resolve
    // hosts; by digest HEAD manifests/<digest> on every pull host, then
    // HEAD blobs/<digest> on every pull host.
    let mut paths = vec![(format!("manifests/{object}"), Object::Manifest)];
    if by_digest {
        paths.push((format!("blobs/{object}"), Object::Blob));
    }
    let mut resolve = Vec::new();
    for (p, o) in &paths {
        for (i, h) in hosts
            .iter()
            .enumerate()
            .filter(|(_, h)| h.resolve_skipped.is_none())
        {
            resolve.push(request(i, h, "HEAD", p, *o));
        }
    }
    // Fetch (fetcher.go): needs one pull host, then asks every host in
    // order, whatever its capabilities.
    let pull_hosts = hosts.iter().any(|h| has(&h.capabilities, Capability::Pull));
    let mut fetch = Vec::new();
    if pull_hosts {
        for (p, o) in [
            ("manifests/<digest>", Object::Manifest),
            ("blobs/<digest>", Object::Blob),
        ] {
            for (i, h) in hosts.iter().enumerate() {
                fetch.push(request(i, h, "GET", p, o));
            }
        }
    }

    if resolve.is_empty() {
        notes.push(text!(
            "No host may resolve this reference: the pull fails with \"no resolve hosts\".",
            "没有可以解析该引用的地址：拉取会以 \"no resolve hosts\" 失败。"
        ));
    }
    if !pull_hosts {
        notes.push(text!(
            "No host has the pull capability: fetching anything fails with \"no pull hosts\".",
            "没有任何地址具有 pull 能力：下载任何内容都会以 \"no pull hosts\" 失败。"
        ));
    } else {
        if hosts
            .iter()
            .any(|h| h.resolve_skipped.is_some() && has(&h.capabilities, Capability::Pull))
        {
            notes.push(text!(
                "Hosts without resolve are still asked for content once the digest is known: pin by digest to have them resolve too.",
                "没有 resolve 能力的地址在摘要已知后仍会被请求内容：按摘要拉取即可让它们也参与解析。"
            ));
        }
        for h in hosts
            .iter()
            .filter(|h| !has(&h.capabilities, Capability::Pull))
        {
            let a = &h.authority;
            notes.push(text!(
                "{a} has no pull capability: tags are never resolved there, but containerd's fetcher asks every host in turn, so a manifest or layer the hosts before it lack (404, 502, timeout) is still fetched from {a}.",
                "{a} 没有 pull 能力：标签从不在那里解析，但 containerd 下载内容时会依次询问每个地址，所以前面的地址缺少的清单或镜像层（404、502、超时）仍会从 {a} 下载。"
            ));
        }
        notes.push(text!(
            "Fetching is per object: a host that answers 404 or fails for a manifest or layer is followed by the next one; when every host fails, containerd reports the first host's error.",
            "下载按对象进行：某个地址对某个清单或镜像层返回 404 或失败时，会尝试下一个地址；所有地址都失败时，containerd 报告的是第一个地址的错误。"
        ));
    }
    if let Some(info) = catalog().registry(&registry) {
        let upstream_used = pull_hosts && hosts.iter().any(|h| h.role == HostRole::Upstream);
        if upstream_used && !(info.blob_hosts.is_empty() && info.auth_hosts.is_empty()) {
            let describe = |hosts: &[String], en: &str, zh: &str| -> (Vec<String>, Vec<String>) {
                hosts
                    .iter()
                    .filter(|b| !b.contains('*'))
                    .filter_map(|b| Url::parse(&format!("https://{b}"), UrlRules::MIRROR).ok())
                    .map(|u| {
                        let proxied = proxy_decision(plan, &u).is_proxy();
                        (
                            format!(
                                "{} ({en}, {})",
                                u.host,
                                if proxied { "via proxy" } else { "direct" }
                            ),
                            format!(
                                "{}（{zh}，{}）",
                                u.host,
                                if proxied { "经代理" } else { "直连" }
                            ),
                        )
                    })
                    .unzip()
            };
            let (mut en, mut zh) = describe(&info.blob_hosts, "layer downloads", "镜像层下载");
            let (en2, zh2) = describe(&info.auth_hosts, "tokens", "令牌");
            en.extend(en2);
            zh.extend(zh2);
            let (en, zh) = (en.join(", "), zh.join("、"));
            notes.push(text!(
                "Pulling from {registry} itself also reaches {en}.",
                "直接从 {registry} 拉取时还会访问 {zh}。"
            ));
        }
    }
    if plan.profile.containerd.is_none() {
        notes.push(text!(
            "containerd is not a target of this profile; Docker Engine uses registry-mirrors for Docker Hub only.",
            "此配置未选择 containerd；Docker Engine 只对 Docker Hub 使用 registry-mirrors。"
        ));
    }
    Ok(Route {
        image: r.to_string(),
        registry,
        repository: r.repository.clone(),
        lookup,
        directory,
        hosts,
        resolve,
        fetch,
        notes,
    })
}

impl Route {
    /// The explanation as plain text (CLI).
    pub fn to_text(&self, lang: crate::i18n::Lang) -> String {
        let zh = lang == crate::i18n::Lang::Zh;
        let mut s = String::new();
        s.push_str(&format!(
            "{} {}\n",
            if zh { "镜像" } else { "image" },
            self.image
        ));
        s.push_str(if zh {
            "\nhosts 目录查找顺序：\n"
        } else {
            "\nhosts directory lookup:\n"
        });
        for d in &self.lookup {
            let mark = if Some(&d.path) == self.directory.as_ref() {
                if zh {
                    "使用"
                } else {
                    "used"
                }
            } else if d.exists {
                if zh {
                    "存在"
                } else {
                    "exists"
                }
            } else if zh {
                "不存在"
            } else {
                "absent"
            };
            s.push_str(&format!("  {:<8} {}/hosts.toml\n", mark, d.path));
        }
        s.push_str(if zh {
            "\n地址（按顺序）：\n"
        } else {
            "\nhosts, in order:\n"
        });
        for (i, h) in self.hosts.iter().enumerate() {
            let role = match h.role {
                HostRole::Mirror => {
                    if zh {
                        "镜像源"
                    } else {
                        "mirror"
                    }
                }
                HostRole::Upstream => {
                    if zh {
                        "上游"
                    } else {
                        "upstream"
                    }
                }
            };
            let caps = if h.capabilities.is_empty() {
                "pull, resolve, push".to_string()
            } else {
                h.capabilities
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let via = match &h.via {
                Via::Proxy { proxy } => {
                    format!("{} {proxy}", if zh { "经代理" } else { "via proxy" })
                }
                Via::Direct { reason } => format!(
                    "{} ({})",
                    if zh { "直连" } else { "direct" },
                    reason.get(lang)
                ),
            };
            s.push_str(&format!(
                "  {}. {} {} [{caps}] - {via}\n",
                i + 1,
                role,
                h.api_root
            ));
            if let Some(r) = &h.resolve_skipped {
                s.push_str(&format!(
                    "     {}: {}\n",
                    if zh {
                        "跳过解析"
                    } else {
                        "skipped for resolve"
                    },
                    r.get(lang)
                ));
            }
            if let Some(n) = &h.scheme_note {
                s.push_str(&format!(
                    "     {}: {}\n",
                    if zh { "协议" } else { "scheme" },
                    n.get(lang)
                ));
            }
        }
        s.push_str(if zh {
            "\n解析请求：\n"
        } else {
            "\nresolve requests:\n"
        });
        for r in &self.resolve {
            s.push_str(&format!("  {} {}\n", r.method, r.url));
        }
        for (object, en, zh_title) in [
            (
                Object::Manifest,
                "\nfetch, for each index and manifest by digest (tried in turn):\n",
                "\n每个索引和清单的下载请求（按摘要，依次尝试）：\n",
            ),
            (
                Object::Blob,
                "\nfetch, for each config and layer (tried in turn):\n",
                "\n每个配置和镜像层的下载请求（依次尝试）：\n",
            ),
        ] {
            s.push_str(if zh { zh_title } else { en });
            for r in self.fetch.iter().filter(|r| r.object == object) {
                s.push_str(&format!("  {} {}\n", r.method, r.url));
            }
        }
        if !self.notes.is_empty() {
            s.push('\n');
            for n in &self.notes {
                s.push_str(&format!("- {}\n", n.get(lang)));
            }
        }
        s
    }
}

/// The NO_PROXY entries, for callers that show them beside a route.
pub fn no_proxy_entries(plan: &Plan) -> Vec<NoProxyEntry> {
    plan.proxy.entries().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::preset;
    use crate::profile::{ContainerdVersion, Mirror, Profile, Registry};

    fn route(p: &Profile, image: &str) -> Route {
        explain(&Plan::new(p), image).unwrap()
    }

    #[test]
    fn docker_hub_through_a_mirror_carries_ns() {
        let p = &preset("china-mainland").unwrap().profile;
        let r = route(p, "nginx");
        assert_eq!(r.image, "docker.io/library/nginx:latest");
        assert_eq!(
            r.directory.as_deref(),
            Some("/etc/containerd/certs.d/docker.io")
        );
        let urls: Vec<&str> = r.resolve.iter().map(|q| q.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://docker.m.daocloud.io/v2/library/nginx/manifests/latest?ns=docker.io",
                "https://registry-1.docker.io/v2/library/nginx/manifests/latest",
            ]
        );
    }

    #[test]
    fn ports_default_and_override_path() {
        let mut p = Profile::default();
        p.registries.push(Registry::new("_default"));
        p.registries[0]
            .mirrors
            .push(Mirror::new("http://cache.internal:5000"));
        let mut harbor = Registry::new("docker.io");
        let mut m = Mirror::new("https://harbor.example.com/v2/hub");
        m.override_path = true;
        harbor.mirrors.push(m);
        p.registries.push(harbor);
        let r = route(&p, "registry.test:5000/team/app:1");
        assert_eq!(
            r.lookup.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
            [
                "/etc/containerd/certs.d/registry.test_5000_",
                "/etc/containerd/certs.d/registry.test:5000",
                "/etc/containerd/certs.d/_default"
            ]
        );
        assert_eq!(
            r.resolve[0].url,
            "http://cache.internal:5000/v2/team/app/manifests/1?ns=registry.test%3A5000"
        );
        assert_eq!(
            r.resolve[1].url,
            "https://registry.test:5000/v2/team/app/manifests/1"
        );
        let r = route(&p, "busybox:1.36");
        assert_eq!(
            r.resolve[0].url,
            "https://harbor.example.com/v2/hub/library/busybox/manifests/1.36?ns=docker.io"
        );
    }

    #[test]
    fn capabilities_decide_resolve_but_fetch_asks_every_host() {
        let mut p = Profile::default();
        let mut hub = Registry::new("docker.io");
        let mut pull_only = Mirror::new("https://pull.example.com");
        pull_only.capabilities = vec![Capability::Pull];
        hub.mirrors.push(pull_only);
        hub.fallback = false;
        p.registries.push(hub);
        let r = route(&p, "nginx:1.27");
        assert!(r.hosts[0].resolve_skipped.is_some());
        assert!(
            r.hosts[1].resolve_skipped.is_some(),
            "upstream kept for push only"
        );
        assert!(r.resolve.is_empty());
        // fetcher.go: every host, in order, for manifests and then blobs -
        // the push-only upstream too.
        let fetch: Vec<(&str, Object)> =
            r.fetch.iter().map(|q| (q.url.as_str(), q.object)).collect();
        assert_eq!(
            fetch,
            [
                (
                    "https://pull.example.com/v2/library/nginx/manifests/<digest>?ns=docker.io",
                    Object::Manifest
                ),
                (
                    "https://registry-1.docker.io/v2/library/nginx/manifests/<digest>",
                    Object::Manifest
                ),
                (
                    "https://pull.example.com/v2/library/nginx/blobs/<digest>?ns=docker.io",
                    Object::Blob
                ),
                (
                    "https://registry-1.docker.io/v2/library/nginx/blobs/<digest>",
                    Object::Blob
                ),
            ]
        );
        assert!(r.notes.iter().any(|n| n
            .en
            .contains("registry-1.docker.io has no pull capability")
            && n.en.contains("still fetched from registry-1.docker.io")));
        let text = r.to_text(crate::i18n::Lang::En);
        assert!(!text.contains("skipped for fetch"), "{text}");
        assert!(
            text.contains("fetch, for each index and manifest by digest"),
            "{text}"
        );
        let digest = format!("sha256:{}", "a".repeat(64));
        let r = route(&p, &format!("nginx@{digest}"));
        assert_eq!(r.resolve.len(), 2, "manifests then blobs, on the pull host");
        assert!(r.resolve[0]
            .url
            .ends_with(&format!("manifests/{digest}?ns=docker.io")));
        assert!(r.resolve[1]
            .url
            .ends_with(&format!("blobs/{digest}?ns=docker.io")));
        // Without any pull host nothing is fetched.
        p.registries[0].mirrors[0].capabilities = vec![Capability::Push];
        let r = route(&p, "nginx:1.27");
        assert!(r.fetch.is_empty());
        assert!(r.notes.iter().any(|n| n.en.contains("\"no pull hosts\"")));
    }

    #[test]
    fn loopback_registries_follow_the_release() {
        let mut p = Profile {
            containerd: Some(crate::profile::ContainerdTarget {
                version: ContainerdVersion::V2_1,
                ..Default::default()
            }),
            ..Default::default()
        };
        let r = route(&p, "localhost/x");
        assert_eq!(r.resolve[0].url, "https://localhost/v2/x/manifests/latest");
        let r = route(&p, "127.0.0.1/x");
        assert_eq!(r.resolve[0].url, "https://127.0.0.1/v2/x/manifests/latest");
        let r = route(&p, "localhost:5000/x");
        assert_eq!(r.hosts.len(), 1);
        assert_eq!(
            r.resolve[0].url,
            "https://localhost:5000/v2/x/manifests/latest"
        );
        let note = r.hosts[0].scheme_note.as_ref().unwrap();
        assert!(note.en.contains("falling back to plain http"));
        assert!(r
            .to_text(crate::i18n::Lang::En)
            .contains("scheme: https first"));
        p.containerd.as_mut().unwrap().version = ContainerdVersion::V1_6;
        let r = route(&p, "localhost:5000/x");
        assert_eq!(
            r.resolve[0].url,
            "http://localhost:5000/v2/x/manifests/latest"
        );
        assert!(r.hosts[0]
            .scheme_note
            .as_ref()
            .unwrap()
            .en
            .contains("1.6.25 and later try https first"));
    }

    #[test]
    fn dropped_mirrors_and_a_website_server_are_said() {
        let mut p = Profile::default();
        let mut hub = Registry::new("docker.io");
        hub.mirrors.push(Mirror::new("https://m.example/a//b"));
        hub.mirrors.push(Mirror::new("https://ok.example"));
        hub.mirrors.push(Mirror::new("https://ok.example"));
        hub.server = "https://docker.io".into();
        p.registries.push(hub);
        let r = route(&p, "nginx");
        assert_eq!(r.hosts.len(), 2, "{:?}", r.hosts);
        assert!(
            r.notes.iter().any(|n| n
                .en
                .starts_with("Mirror https://m.example/a//b is left out")),
            "{:?}",
            r.notes
        );
        assert!(r
            .notes
            .iter()
            .any(|n| n.en.contains("repeats an earlier one")));
        assert!(r
            .notes
            .iter()
            .any(|n| n.en.starts_with("server = https://docker.io fails")));
    }

    #[test]
    fn proxy_decisions_follow_go() {
        let mut p = preset("corporate-proxy").unwrap().profile.clone();
        p.registries.push(Registry::new("docker.io"));
        p.registries[0]
            .mirrors
            .push(Mirror::new("https://harbor.example.com"));
        p.registries[0]
            .mirrors
            .push(Mirror::new("http://10.1.2.3:5000"));
        let r = route(&p, "nginx");
        // .example.com is in NO_PROXY; 10.1.2.3 is in 10.0.0.0/8; the upstream goes through the proxy.
        assert!(!r.hosts[0].via.is_proxy());
        assert!(!r.hosts[1].via.is_proxy());
        assert_eq!(
            r.hosts[2].via,
            Via::Proxy {
                proxy: "http://proxy.example.com:3128".into()
            }
        );
    }

    #[test]
    fn a_registry_without_mirrors_is_one_host_unless_push_only() {
        let mut p = Profile::default();
        p.registries.push(Registry::new("quay.io"));
        let r = route(&p, "quay.io/org/app:1");
        assert_eq!(r.hosts.len(), 1);
        assert!(r.notes.iter().any(|n| n.en.contains("asked again")));
        // fallback off: the host table resolves, the root only pushes.
        p.registries[0].fallback = false;
        let r = route(&p, "quay.io/org/app:1");
        assert_eq!(r.hosts.len(), 2);
        assert_eq!(r.resolve.len(), 1);
        assert_eq!(r.resolve[0].url, "https://quay.io/v2/org/app/manifests/1");
    }

    #[test]
    fn no_directory_means_the_registry_itself() {
        let r = route(&Profile::default(), "quay.io/org/app:1");
        assert_eq!(r.directory, None);
        assert_eq!(r.resolve[0].url, "https://quay.io/v2/org/app/manifests/1");
    }
}
