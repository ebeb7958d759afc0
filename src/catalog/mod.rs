//! The dated data files under `data/`, compiled in and parsed once.

mod no_proxy;
mod providers;
mod registries;

pub use no_proxy::NoProxyPreset;
pub use providers::{Provider, ProviderKind, ProviderParam, ProviderStatus};
pub use registries::RegistryInfo;

use std::sync::OnceLock;

use serde::Deserialize;

pub struct Catalog {
    pub registries: Vec<RegistryInfo>,
    pub registries_as_of: String,
    pub providers: Vec<Provider>,
    pub providers_as_of: String,
    pub no_proxy: Vec<NoProxyPreset>,
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
        let r: RegistriesFile = toml_edit::de::from_str(include_str!("../../data/registries.toml"))
            .expect("data/registries.toml");
        let p: ProvidersFile = toml_edit::de::from_str(include_str!("../../data/providers.toml"))
            .expect("data/providers.toml");
        let n: NoProxyFile = toml_edit::de::from_str(include_str!("../../data/no_proxy.toml"))
            .expect("data/no_proxy.toml");
        Catalog {
            registries: r.registry,
            registries_as_of: r.as_of,
            providers: p.provider,
            providers_as_of: p.as_of,
            no_proxy: n.preset,
        }
    })
}

impl Catalog {
    pub fn registry(&self, host: &str) -> Option<&RegistryInfo> {
        self.registries.iter().find(|r| r.host == host)
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
        self.providers.iter().find(|p| p.owns_url(url))
    }

    pub fn no_proxy_preset(&self, id: &str) -> Option<&NoProxyPreset> {
        self.no_proxy.iter().find(|p| p.id == id)
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
    fn docker_hub_upstream_is_the_api_host_not_the_website() {
        let hub = catalog().registry("docker.io").unwrap();
        assert_eq!(hub.upstream, "https://registry-1.docker.io");
    }
}
