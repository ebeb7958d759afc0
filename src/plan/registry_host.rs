//! Registry names as containerd sees them: the first component of an image
//! reference, which names the hosts.toml directory.

use std::fmt;

use super::url::{is_forbidden_char, split_host_port, Host, UrlError};
use crate::i18n::Text;
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
        if let Some(c) = s.chars().find(|c| is_forbidden_char(*c)) {
            return Err(RegistryHostError::Url(UrlError::ControlChar(c)));
        }
        if let Some((_, rest)) = s.split_once("://") {
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

    /// The directory name under `config_path`.
    pub fn dir_name(&self) -> String {
        self.to_string()
    }

    pub fn is_default(&self) -> bool {
        matches!(self, RegistryHost::Default)
    }

    /// Loopback registries default to plain http unless on port 443.
    pub fn defaults_to_http(&self) -> bool {
        match self {
            RegistryHost::Default => false,
            RegistryHost::Host { host, port } => host.is_loopback() && *port != Some(443),
        }
    }
}

impl fmt::Display for RegistryHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryHost::Default => f.write_str("_default"),
            RegistryHost::Host { host, port: None } => write!(f, "{host}"),
            RegistryHost::Host {
                host,
                port: Some(p),
            } => write!(f, "{host}:{p}"),
        }
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
                "has a path (/{path}). Registries are hosts: images {host}/{path}/... are covered by the {host} directory; a path-specific mirror needs a prefix-style mirror URL with override_path instead",
                "包含路径（/{path}）。镜像仓库只能是主机名：{host}/{path}/... 的镜像由 {host} 目录负责；若要针对某个路径使用镜像源，请使用带 override_path 的前缀式镜像地址"
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
    fn directory_names_follow_containerd() {
        assert_eq!(
            RegistryHost::parse("docker.io").unwrap().dir_name(),
            "docker.io"
        );
        assert_eq!(
            RegistryHost::parse("Registry.Test:5000")
                .unwrap()
                .dir_name(),
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
