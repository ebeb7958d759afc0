//! The pull-route explainer: for an image reference, which hosts.toml
//! directory containerd picks and the exact requests it makes, in order, for
//! resolve and fetch - with `?ns=`, skipped hosts and the proxy decision of
//! each request following Go's rules. Modelled on containerd's
//! `core/remotes/docker` (resolver.go, config/hosts.go).

use serde::Serialize;

use crate::catalog::catalog;
use crate::i18n::Text;
use crate::plan::{
    api_root, ImageRef, NoProxyEntry, NoProxySource, Plan, RegistryHost, Url, UrlRules,
};
use crate::profile::Capability;
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
    pub resolve_skipped: Option<Text>,
    pub fetch_skipped: Option<Text>,
    pub via: Via,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Request {
    pub method: &'static str,
    pub url: String,
    /// Index into [`Route::hosts`].
    pub host: usize,
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
    /// Requests for each content object (manifest or blob) once resolved:
    /// tried in this order until one answers.
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

/// Explains how containerd would pull `image` with this plan's files.
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

    // Which directories exist: those the profile writes.
    let written: Vec<String> = plan
        .registries
        .iter()
        .filter(|p| !(p.host.is_default() && p.mirrors.is_empty()))
        .map(|p| {
            format!(
                "{}/{}",
                config_path.trim_end_matches('/'),
                p.host.dir_name()
            )
        })
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
        plan.registries.iter().find(|p| p.host.dir_name() == dir)
    });

    let mut notes = Vec::new();
    let mut hosts: Vec<RouteHost> = Vec::new();
    // The image's own registry as containerd addresses it.
    let own = if registry == "docker.io" {
        "https://registry-1.docker.io".to_string()
    } else if reg_host.defaults_to_http() {
        format!("http://{registry}")
    } else {
        format!("https://{registry}")
    };
    let add_upstream = |hosts: &mut Vec<RouteHost>, url: &Url, caps: Vec<Capability>| {
        hosts.push(RouteHost {
            api_root: api_root(url, false),
            role: HostRole::Upstream,
            authority: url.authority(),
            mirror: None,
            capabilities: caps,
            resolve_skipped: None,
            fetch_skipped: None,
            via: proxy_decision(plan, url),
        });
    };
    match reg_plan {
        Some(p) => {
            for m in &p.mirrors {
                let caps: Vec<Capability> = m.capabilities();
                hosts.push(RouteHost {
                    api_root: m.api_root(),
                    role: HostRole::Mirror,
                    authority: m.url.authority(),
                    mirror: Some(m.index),
                    capabilities: caps,
                    resolve_skipped: None,
                    fetch_skipped: None,
                    via: proxy_decision(plan, &m.url),
                });
            }
            let upstream = match (&p.host, &p.server) {
                (RegistryHost::Default, _) => Url::parse(&own, UrlRules::MIRROR).ok(),
                (_, Some(s)) => Some(s.clone()),
                (_, None) => p
                    .upstream_root()
                    .and_then(|u| Url::parse(u.trim_end_matches("/v2"), UrlRules::MIRROR).ok()),
            };
            let caps = if !p.source.fallback && !p.host.is_default() {
                vec![Capability::Push]
            } else {
                Vec::new()
            };
            if let Some(u) = upstream {
                add_upstream(&mut hosts, &u, caps);
            }
            if p.host.is_default() {
                notes.push(text!(
                    "{registry} has no directory of its own: _default applies (containerd >= 1.6.17 / 1.7.0).",
                    "{registry} 没有单独的目录：使用 _default（需要 containerd >= 1.6.17 / 1.7.0）。"
                ));
            }
        }
        None => {
            if let Ok(u) = Url::parse(&own, UrlRules::MIRROR) {
                add_upstream(&mut hosts, &u, Vec::new());
            }
            notes.push(text!(
                "No hosts.toml applies to {registry}: containerd pulls from the registry itself.",
                "没有适用于 {registry} 的 hosts.toml：containerd 直接从仓库本身拉取。"
            ));
        }
    }

    let by_digest = r.digest.is_some();
    let ns = |h: &RouteHost| -> String {
        // containerd's isProxy: every host but the registry itself (docker.io
        // being registry-1.docker.io) gets ?ns=<registry>.
        let same = h.authority == registry
            || (registry == "docker.io" && h.authority == "registry-1.docker.io");
        if same {
            String::new()
        } else {
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
    };
    for h in &mut hosts {
        if !has(&h.capabilities, Capability::Pull) {
            let reason = text!("no pull capability", "没有 pull 能力");
            h.resolve_skipped = Some(reason.clone());
            h.fetch_skipped = Some(reason);
        } else if !by_digest && !has(&h.capabilities, Capability::Resolve) {
            h.resolve_skipped = Some(text!(
                "no resolve capability: tags are not resolved here",
                "没有 resolve 能力：不在这里解析标签"
            ));
        }
    }
    let object = r.reference().to_string();
    let mut resolve = Vec::new();
    let paths: Vec<String> = if by_digest {
        vec![format!("manifests/{object}"), format!("blobs/{object}")]
    } else {
        vec![format!("manifests/{object}")]
    };
    for p in &paths {
        for (i, h) in hosts
            .iter()
            .enumerate()
            .filter(|(_, h)| h.resolve_skipped.is_none())
        {
            resolve.push(Request {
                method: "HEAD",
                url: format!("{}/{}/{p}{}", h.api_root, r.repository, ns(h)),
                host: i,
            });
        }
    }
    let fetch: Vec<Request> = hosts
        .iter()
        .enumerate()
        .filter(|(_, h)| h.fetch_skipped.is_none())
        .map(|(i, h)| Request {
            method: "GET",
            url: format!("{}/{}/blobs/<digest>{}", h.api_root, r.repository, ns(h)),
            host: i,
        })
        .collect();

    if resolve.is_empty() {
        notes.push(text!(
            "No host may resolve this reference: the pull fails with \"no resolve hosts\".",
            "没有可以解析该引用的地址：拉取会以 \"no resolve hosts\" 失败。"
        ));
    }
    if hosts
        .iter()
        .any(|h| h.resolve_skipped.is_some() && h.fetch_skipped.is_none())
    {
        notes.push(text!(
            "Hosts without resolve still serve content once the digest is known: pin by digest to use them for everything.",
            "没有 resolve 能力的地址在摘要已知后仍可提供内容：按摘要拉取即可全部使用它们。"
        ));
    }
    notes.push(text!(
        "Fallback is per object: a host that answers 404 or fails for a manifest or blob is followed by the next one.",
        "回退按对象进行：某个地址对某个清单或层返回 404 或失败时，会尝试下一个地址。"
    ));
    if let Some(info) = catalog().registry(&registry) {
        let upstream_used = hosts
            .iter()
            .any(|h| h.role == HostRole::Upstream && h.fetch_skipped.is_none());
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
            if let Some(r) = &h.fetch_skipped {
                s.push_str(&format!(
                    "     {}: {}\n",
                    if zh {
                        "跳过下载"
                    } else {
                        "skipped for fetch"
                    },
                    r.get(lang)
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
        s.push_str(if zh {
            "\n每个清单和层的下载请求（依次尝试）：\n"
        } else {
            "\nfetch, for each manifest and layer (tried in turn):\n"
        });
        for r in &self.fetch {
            s.push_str(&format!("  {} {}\n", r.method, r.url));
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
    use crate::profile::{Mirror, Profile, Registry};

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
    fn capabilities_decide_resolve_and_fetch() {
        let mut p = Profile::default();
        let mut hub = Registry::new("docker.io");
        let mut pull_only = Mirror::new("https://pull.example.com");
        pull_only.capabilities = vec![Capability::Pull];
        hub.mirrors.push(pull_only);
        hub.fallback = false;
        p.registries.push(hub);
        let r = route(&p, "nginx:1.27");
        assert!(r.hosts[0].resolve_skipped.is_some() && r.hosts[0].fetch_skipped.is_none());
        assert!(
            r.hosts[1].fetch_skipped.is_some(),
            "upstream kept for push only"
        );
        assert!(r.resolve.is_empty());
        let digest = format!("sha256:{}", "a".repeat(64));
        let r = route(&p, &format!("nginx@{digest}"));
        assert_eq!(r.resolve.len(), 2, "manifests then blobs, on the pull host");
        assert!(r.resolve[0]
            .url
            .ends_with(&format!("manifests/{digest}?ns=docker.io")));
        assert!(r.resolve[1]
            .url
            .ends_with(&format!("blobs/{digest}?ns=docker.io")));
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
    fn no_directory_means_the_registry_itself() {
        let r = route(&Profile::default(), "quay.io/org/app:1");
        assert_eq!(r.directory, None);
        assert_eq!(r.resolve[0].url, "https://quay.io/v2/org/app/manifests/1");
    }
}
