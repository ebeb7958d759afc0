//! Registry names as containerd sees them: the first component of an image
//! reference, which names the hosts.toml directory.

use std::fmt;

use super::url::{
    first_forbidden_char, push_host_port, split_host_port, split_scheme, Host, UrlError,
};
use crate::i18n::Text;
use crate::profile::ContainerdVersion;
use crate::text;

/// `docker.io`, `registry.test:5000`, `[::1]:5000` or the `_default` catch-all.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RegistryHost {
    Default,
    Host { host: Host, port: Option<u16> },
}

impl RegistryHost {
    pub fn parse(input: &str) -> Result<RegistryHost, RegistryHostError> {
        let s = input.trim();
        if s == "_default" {
            return Ok(RegistryHost::Default);
        }
        if s.is_empty() {
            return Err(RegistryHostError::Empty);
        }
        if let Some(c) = first_forbidden_char(s) {
            return Err(RegistryHostError::Url(UrlError::ControlChar(c)));
        }
        if let Some((_, rest)) = split_scheme(s) {
            let host = rest.split('/').next().unwrap_or(rest).to_string();
            return Err(RegistryHostError::HasScheme(host));
        }
        if let Some((host, path)) = s.split_once('/') {
            return Err(RegistryHostError::HasPath {
                host: host.to_string(),
                path: path.to_string(),
            });
        }
        if s == "*" {
            return Err(RegistryHostError::Wildcard);
        }
        let (h, port) = split_host_port(s).map_err(RegistryHostError::Url)?;
        let host = Host::parse(h).map_err(RegistryHostError::Url)?;
        Ok(RegistryHost::Host { host, port })
    }

    /// The name as image references write it, and so the directory name
    /// under `config_path` (`docker.io`, `registry.test:5000`, `_default`),
    /// without `fmt` (once per registry per edit). [`Display`](fmt::Display)
    /// writes the same.
    pub fn name(&self) -> String {
        let mut s = String::with_capacity(32);
        match self {
            RegistryHost::Default => s.push_str("_default"),
            RegistryHost::Host { host, port } => push_host_port(&mut s, host, *port),
        }
        s
    }

    pub fn is_default(&self) -> bool {
        matches!(self, RegistryHost::Default)
    }

    /// Whether the upstream Mirrorsmith writes and assumes for this registry
    /// without a `server` is plain http. It is containerd's default host of
    /// the current releases ([`Self::default_upstream`]: https, and for a
    /// loopback registry http on port 80), except where containerd tries
    /// https and falls back to plain http (loopback on another port than 80
    /// and 443): there plain http, which that fallback reaches too and which
    /// 1.6 before 1.6.25 uses alone. The one rule of render, plan and import.
    pub fn defaults_to_http(&self) -> bool {
        self.default_endpoint(CURRENT)
            .is_some_and(|e| e.http_fallback || e.scheme == "http")
    }

    /// Whether this is Docker Hub, whose API host is [`DOCKER_HUB_API_HOST`].
    pub(crate) fn is_docker_hub(&self) -> bool {
        matches!(self, RegistryHost::Host { host: Host::Name(n), port: None } if n == "docker.io")
    }
}

/// Where containerd sends Docker Hub's (`docker.io`) API requests.
pub const DOCKER_HUB_API_HOST: &str = "registry-1.docker.io";

/// The release whose defaults [`RegistryHost::defaults_to_http`] follows:
/// 1.6.25+, 1.7.7+ and 2.x agree on them.
pub(crate) const CURRENT: ContainerdVersion = ContainerdVersion::V2_2;

/// How containerd reaches a registry that has no `server` written, as in
/// `core/remotes/docker/config/hosts.go`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultUpstream {
    /// `https://registry-1.docker.io`, `https://localhost:5000`, ...
    pub url: String,
    /// `url` is https, tried first, with plain http after a TLS failure
    /// (NewHTTPFallback: loopback registries on a port other than 80 and
    /// 443, from 1.6.25 / 1.7.7 / 2.0 on).
    pub http_fallback: bool,
    /// What the release does beyond `url`: the https-then-http fallback
    /// of loopback registries, or how other releases of the line differ.
    pub note: Option<Text>,
}

impl RegistryHost {
    /// containerd's default host for this registry (None for `_default`).
    /// Loopback registries (`localhost`, 127.x, ::1): no port or 443 is
    /// https; 80 is http; any other port is tried over https first and
    /// falls back to http (NewHTTPFallback) from 1.6.25 / 1.7.7 / 2.0 on,
    /// plain http before.
    pub fn default_upstream(&self, version: ContainerdVersion) -> Option<DefaultUpstream> {
        let endpoint = self.default_endpoint(version)?;
        let url = if self.is_docker_hub() {
            ["https://", DOCKER_HUB_API_HOST].concat()
        } else {
            [endpoint.scheme, "://", &self.name()].concat()
        };
        let note = match self {
            RegistryHost::Host { host, port } if host.is_loopback() => {
                loopback_note(version, *port)
            }
            _ => None,
        };
        Some(DefaultUpstream {
            url,
            http_fallback: endpoint.http_fallback,
            note,
        })
    }

    /// The scheme and fallback of containerd's default host, without text:
    /// the one decision behind [`Self::default_upstream`],
    /// [`Self::defaults_to_http`] and [`super::default_upstream_url`] (which
    /// run for every registry on every edit).
    pub(crate) fn default_endpoint(&self, version: ContainerdVersion) -> Option<DefaultEndpoint> {
        let RegistryHost::Host { host, port } = self else {
            return None;
        };
        let https = DefaultEndpoint {
            scheme: "https",
            http_fallback: false,
        };
        if !host.is_loopback() {
            return Some(https);
        }
        Some(match (version, *port) {
            (_, Some(80)) | (ContainerdVersion::V1_6, _) => DefaultEndpoint {
                scheme: "http",
                http_fallback: false,
            },
            (_, None | Some(443)) => https,
            _ => DefaultEndpoint {
                scheme: "https",
                http_fallback: true,
            },
        })
    }
}

/// How containerd reaches a registry without `server`, before any text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DefaultEndpoint {
    pub scheme: &'static str,
    /// See [`DefaultUpstream::http_fallback`].
    pub http_fallback: bool,
}

/// What `version` does for a loopback registry on `port` beyond its URL.
fn loopback_note(version: ContainerdVersion, port: Option<u16>) -> Option<Text> {
    let https_only = matches!(port, None | Some(443));
    match (version, port) {
        (_, Some(80)) => None,
        (ContainerdVersion::V1_6, _) => Some(if https_only {
            text!(
                "containerd 1.6 before 1.6.25 uses plain http for a loopback registry; 1.6.25 and later use https here",
                "containerd 1.6.25 之前对回环地址的仓库使用纯 http；1.6.25 及以后在这里使用 https"
            )
        } else {
            text!(
                "containerd 1.6 before 1.6.25 uses plain http for a loopback registry; 1.6.25 and later try https first, falling back to http",
                "containerd 1.6.25 之前对回环地址的仓库使用纯 http；1.6.25 及以后先尝试 https，失败再回退到 http"
            )
        }),
        (v, _) => {
            let before = if v == ContainerdVersion::V1_7 {
                " (1.7.0-1.7.6: plain http)"
            } else {
                ""
            };
            let before_zh = if v == ContainerdVersion::V1_7 {
                "（1.7.0-1.7.6：纯 http）"
            } else {
                ""
            };
            if https_only {
                (v == ContainerdVersion::V1_7).then(|| {
                    text!(
                        "https with TLS verification off for a loopback registry{before}",
                        "回环地址的仓库使用 https，且不校验证书{before_zh}"
                    )
                })
            } else {
                Some(text!(
                    "https first (certificate not verified), falling back to plain http when the registry does not speak TLS{before}",
                    "先尝试 https（不校验证书），仓库不支持 TLS 时回退到纯 http{before_zh}"
                ))
            }
        }
    }
}

impl fmt::Display for RegistryHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryHostError {
    Empty,
    HasScheme(String),
    HasPath { host: String, path: String },
    Wildcard,
    Url(UrlError),
}

impl RegistryHostError {
    pub fn describe(&self) -> Text {
        match self {
            RegistryHostError::Empty => text!("is empty", "为空"),
            RegistryHostError::HasScheme(h) => text!(
                "is a URL; a registry is named by its host only: {h}",
                "这是一个 URL；镜像仓库只用主机名表示：{h}"
            ),
            RegistryHostError::HasPath { host, path } => text!(
                "has a path (/{path}). Registries are hosts: images {host}/{path}/<name> are covered by the {host} directory, whose mirrors are asked for /v2/{path}/<name>; use {host}",
                "包含路径（/{path}）。镜像仓库只能是主机名：{host}/{path}/<name> 的镜像由 {host} 目录负责，会向其镜像源请求 /v2/{path}/<name>；请使用 {host}"
            ),
            RegistryHostError::Wildcard => text!(
                "is \"*\", the legacy mirrors wildcard: use _default for every other registry",
                "是旧版 mirrors 的通配符 \"*\"：请使用 _default 表示其他所有仓库"
            ),
            RegistryHostError::Url(e) => e.describe(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_written_as_parsed() {
        for text in [
            "docker.io",
            "registry.k8s.io",
            "r.example:1",
            "r.example:5",
            "r.example:10",
            "r.example:5000",
            "r.example:65535",
            "127.0.0.1:5000",
            "10.1.2.3",
            "[::1]:5000",
            "[fd00::1]",
            "_default",
        ] {
            let host = RegistryHost::parse(text).unwrap();
            assert_eq!(host.name(), text);
            assert_eq!(host.to_string(), text);
        }
    }

    #[test]
    fn directory_names_follow_containerd() {
        assert_eq!(
            RegistryHost::parse("docker.io").unwrap().name(),
            "docker.io"
        );
        assert_eq!(
            RegistryHost::parse("Registry.Test:5000").unwrap().name(),
            "registry.test:5000"
        );
        assert_eq!(
            RegistryHost::parse("_default").unwrap(),
            RegistryHost::Default
        );
        assert!(RegistryHost::parse("localhost:5000")
            .unwrap()
            .defaults_to_http());
        assert!(!RegistryHost::parse("localhost:443")
            .unwrap()
            .defaults_to_http());
    }

    #[test]
    fn the_written_upstream_follows_default_upstream() {
        let http = |r: &str| RegistryHost::parse(r).unwrap().defaults_to_http();
        // containerd uses https without a port and on 443, http on 80.
        for r in [
            "localhost",
            "127.0.0.1",
            "[::1]",
            "localhost:443",
            "docker.io",
        ] {
            assert!(!http(r), "{r}");
        }
        assert!(http("localhost:80") && http("127.0.0.1:80"));
        // https first, then http: written as http, which the fallback reaches.
        for r in ["localhost:5000", "127.0.0.1:5000", "[::1]:5000"] {
            assert!(http(r), "{r}");
            let d = RegistryHost::parse(r)
                .unwrap()
                .default_upstream(CURRENT)
                .unwrap();
            assert!(d.http_fallback && d.url.starts_with("https://"), "{r}");
        }
        assert!(!http("registry.test:5000") && !http("_default"));
    }

    #[test]
    fn the_upstream_url_is_default_upstream_parsed() {
        use crate::plan::{default_upstream_url, Url, UrlRules};
        for name in [
            "docker.io",
            "docker.io:443",
            "Docker.IO",
            "registry-1.docker.io",
            "registry.test",
            "registry.test:5000",
            "10.1.2.3:80",
            "[fd00::1]:5000",
            "localhost",
            "localhost:80",
            "localhost:443",
            "localhost:5000",
            "127.0.0.1",
            "127.0.0.1:80",
            "127.1.2.3:5000",
            "[::1]",
            "[::1]:443",
            "[::1]:5000",
            "_default",
        ] {
            let host = RegistryHost::parse(name).unwrap();
            let parsed = host.default_upstream(CURRENT).map(|d| {
                let mut url = Url::parse(&d.url, UrlRules::MIRROR).unwrap();
                if host.defaults_to_http() {
                    url.scheme = "http";
                }
                url
            });
            assert_eq!(default_upstream_url(&host), parsed, "{name}");
        }
    }

    #[test]
    fn loopback_defaults_follow_hosts_go() {
        use ContainerdVersion::*;
        let up = |r: &str, v| RegistryHost::parse(r).unwrap().default_upstream(v).unwrap();
        for v in [V1_7, V2_0, V2_1, V2_2] {
            for r in ["localhost", "127.0.0.1", "localhost:443", "[::1]"] {
                assert!(up(r, v).url.starts_with("https://"), "{r} {v:?}");
            }
            for r in ["localhost:5000", "127.0.0.1:5000", "[::1]:5000"] {
                let u = up(r, v);
                assert!(u.url.starts_with("https://"), "{r} {v:?}");
                assert!(u.note.unwrap().en.contains("falling back to plain http"));
            }
            assert_eq!(up("localhost:80", v).url, "http://localhost:80");
        }
        // 1.6 as Debian 12 ships it (1.6.20): plain http, with the newer rule said.
        let u = up("localhost:5000", V1_6);
        assert_eq!(u.url, "http://localhost:5000");
        assert!(u
            .note
            .unwrap()
            .en
            .contains("1.6.25 and later try https first"));
        assert_eq!(up("localhost", V1_6).url, "http://localhost");
        assert_eq!(up("docker.io", V1_6).url, "https://registry-1.docker.io");
        assert_eq!(
            up("registry.test:5000", V2_1).url,
            "https://registry.test:5000"
        );
        assert_eq!(up("registry.test:5000", V2_1).note, None);
        assert!(RegistryHost::Default.default_upstream(V2_1).is_none());
    }

    #[test]
    fn rejects_urls_paths_and_wildcards() {
        assert_eq!(
            RegistryHost::parse("https://docker.io"),
            Err(RegistryHostError::HasScheme("docker.io".into()))
        );
        assert!(matches!(
            RegistryHost::parse("docker.io/library"),
            Err(RegistryHostError::HasPath { .. })
        ));
        assert_eq!(RegistryHost::parse("*"), Err(RegistryHostError::Wildcard));
        assert!(RegistryHost::parse("a..b").is_err());
        assert!(RegistryHost::parse("host:99999").is_err());
    }
}
