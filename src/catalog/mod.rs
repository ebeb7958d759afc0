//! The dated data files under `data/`, compiled in and parsed once.

mod no_proxy;
mod providers;
mod registries;

pub use no_proxy::NoProxyPreset;
pub use providers::{Provider, ProviderKind, ProviderParam, ProviderStatus};
pub use registries::RegistryInfo;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::plan::{Url, UrlRules};

pub struct Catalog {
    pub registries: Vec<RegistryInfo>,
    pub registries_as_of: String,
    pub providers: Vec<Provider>,
    pub providers_as_of: String,
    pub no_proxy: Vec<NoProxyPreset>,
    /// Mirror host -> provider, and `.suffix` -> provider for templates
    /// such as `{id}.mirror.aliyuncs.com`.
    provider_hosts: HashMap<String, usize>,
    provider_suffixes: Vec<(String, usize)>,
    /// Each registry's upstream, parsed once (None for `_default`).
    upstream_urls: Vec<Option<Url>>,
}

#[derive(Deserialize)]
struct RegistriesFile {
    as_of: String,
    registry: Vec<RegistryInfo>,
}

#[derive(Deserialize)]
struct ProvidersFile {
    as_of: String,
    provider: Vec<Provider>,
}

#[derive(Deserialize)]
struct NoProxyFile {
    preset: Vec<NoProxyPreset>,
}

/// The catalog. The data files are part of the build and covered by tests,
/// so a parse failure here is a build defect, not user input.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        // build.rs converts data/*.toml to JSON.
        let r: RegistriesFile =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/registries.json")))
                .expect("data/registries.toml");
        let p: ProvidersFile =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/providers.json")))
                .expect("data/providers.toml");
        let n: NoProxyFile =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/no_proxy.json")))
                .expect("data/no_proxy.toml");
        let mut r = r;
        for reg in &mut r.registry {
            reg.download_urls = reg
                .blob_hosts
                .iter()
                .chain(&reg.auth_hosts)
                .filter(|h| !h.contains('*'))
                .filter_map(|h| {
                    let u = Url::parse(&format!("https://{h}"), UrlRules::MIRROR).ok()?;
                    Some((h.clone(), u))
                })
                .collect();
        }
        let mut p = p;
        for prov in &mut p.provider {
            prov.mirror_hosts = prov
                .hosts
                .iter()
                .filter_map(|(reg, url)| {
                    let u = Url::parse(url, UrlRules::MIRROR).ok()?;
                    Some((reg.clone(), u.host))
                })
                .collect();
        }
        let mut provider_hosts = HashMap::new();
        let mut provider_suffixes = Vec::new();
        for (i, prov) in p.provider.iter().enumerate() {
            for url in prov.hosts.values() {
                provider_hosts.entry(host_of(url).into_owned()).or_insert(i);
            }
            let t = host_of(&prov.template);
            if t.is_empty() || t.starts_with('{') && !t.contains('.') {
                continue;
            }
            match t.split_once("}.") {
                Some((_, suffix)) if t.starts_with('{') => {
                    provider_suffixes.push((format!(".{suffix}"), i))
                }
                _ if !t.contains('{') => {
                    provider_hosts.entry(t.into_owned()).or_insert(i);
                }
                _ => {}
            }
        }
        let upstream_urls = r
            .registry
            .iter()
            .map(|reg| Url::parse(&reg.upstream, UrlRules::MIRROR).ok())
            .collect();
        Catalog {
            upstream_urls,
            registries: r.registry,
            registries_as_of: r.as_of,
            providers: p.provider,
            providers_as_of: p.as_of,
            no_proxy: n.preset,
            provider_hosts,
            provider_suffixes,
        }
    })
}

impl Catalog {
    pub fn registry(&self, host: &str) -> Option<&RegistryInfo> {
        self.registries.iter().find(|r| r.host == host)
    }

    /// The parsed upstream of a catalog registry.
    pub fn upstream_url(&self, host: &str) -> Option<&Url> {
        let i = self.registries.iter().position(|r| r.host == host)?;
        self.upstream_urls.get(i)?.as_ref()
    }

    /// The catalog registry a name stands for, when it is one of its API
    /// aliases (`registry-1.docker.io` -> `docker.io`).
    pub fn registry_by_alias(&self, host: &str) -> Option<&RegistryInfo> {
        self.registries
            .iter()
            .find(|r| r.aliases.iter().any(|a| a == host))
    }

    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The provider whose mirror host this URL points at, if any.
    pub fn provider_for_url(&self, url: &str) -> Option<&Provider> {
        let host = host_of(url);
        if host.is_empty() {
            return None;
        }
        let i = self.provider_hosts.get(&*host).copied().or_else(|| {
            self.provider_suffixes
                .iter()
                .find(|(suffix, _)| host.ends_with(suffix.as_str()))
                .map(|(_, i)| *i)
        })?;
        self.providers.get(i)
    }

    pub fn no_proxy_preset(&self, id: &str) -> Option<&NoProxyPreset> {
        self.no_proxy.iter().find(|p| p.id == id)
    }
}

/// The lower-case `host[:port]` of a URL-ish string.
fn host_of(url: &str) -> Cow<'_, str> {
    // Byte scans: this runs for every mirror of every plan.
    let rest = crate::plan::split_scheme(url).map_or(url, |(_, r)| r);
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let host = &rest[..end];
    // Parsed URLs are lower case already: no copy for them.
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_and_ids_are_unique() {
        let c = catalog();
        assert!(c.registries.len() >= 14);
        assert!(c.providers.len() >= 10);
        let mut ids: Vec<_> = c.providers.iter().map(|p| p.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), c.providers.len(), "duplicate provider id");
        let mut hosts: Vec<_> = c.registries.iter().map(|r| r.host.as_str()).collect();
        hosts.sort();
        hosts.dedup();
        assert_eq!(hosts.len(), c.registries.len(), "duplicate registry host");
    }

    #[test]
    fn every_daocloud_host_mirror_is_for_a_catalog_registry() {
        let c = catalog();
        let dao = c.provider("daocloud").unwrap();
        for registry in dao.hosts.keys() {
            assert!(c.registry(registry).is_some(), "{registry} not in catalog");
        }
    }

    #[test]
    fn mirror_urls_name_their_provider() {
        let c = catalog();
        let id = |u: &str| c.provider_for_url(u).map(|p| p.id.as_str());
        assert_eq!(id("https://docker.m.daocloud.io"), Some("daocloud"));
        assert_eq!(
            id("https://m.daocloud.io/v2/docker.io"),
            Some("daocloud-prefix")
        );
        assert_eq!(id("https://45hrqeao.mirror.aliyuncs.com"), Some("aliyun"));
        assert_eq!(id("http://hub-mirror.c.163.com"), Some("netease-163"));
        assert_eq!(id("https://harbor.example.com/v2/x"), None);
        assert_eq!(id("http://127.0.0.1:65001"), Some("dragonfly"));
    }

    #[test]
    fn no_proxy_bundles_parse_and_describe_themselves_in_both_languages() {
        let c = catalog();
        for p in &c.no_proxy {
            for e in &p.entries {
                assert!(crate::plan::NoProxyEntry::parse(e).is_ok(), "{}: {e}", p.id);
            }
            assert_eq!(
                p.description.is_empty(),
                p.description_zh.is_empty(),
                "{}",
                p.id
            );
        }
        let private = c.no_proxy_preset("private-ranges").unwrap();
        assert_eq!(
            private.entries,
            ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
        );
        assert!(private.description.contains("node subnets"));
        assert!(!private.description_zh.is_empty() && !private.as_of.is_empty());
    }

    #[test]
    fn docker_hub_upstream_is_the_api_host_not_the_website() {
        let hub = catalog().registry("docker.io").unwrap();
        assert_eq!(hub.upstream, "https://registry-1.docker.io");
    }
}
