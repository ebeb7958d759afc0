use std::collections::BTreeMap;

use serde::Deserialize;

use crate::plan::Host;
use crate::profile::{Header, Mirror};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProviderKind {
    /// On the internet, run by someone else.
    Public,
    /// Inside the user's network (Harbor, a pull-through cache, Nexus).
    SelfHosted,
    /// On the node itself (Dragonfly, Spegel).
    NodeLocal,
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProviderStatus {
    Ok,
    /// Works with limits (allow-list, rate limit, region).
    Limited,
    /// Often fails.
    Unreliable,
    /// Shut down: never offered, only recognised.
    Gone,
}

/// A value the user supplies to a provider template (`{id}`, `{host}`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderParam {
    pub name: String,
    pub label: String,
    pub label_zh: String,
    pub example: String,
    /// `dns-label`, `host-port`, `path-segment` or `url`.
    pub pattern: String,
}

/// A mirror provider preset.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub kind: ProviderKind,
    pub status: ProviderStatus,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub note_zh: String,
    /// Host style: one mirror URL per registry.
    #[serde(default)]
    pub hosts: BTreeMap<String, String>,
    /// Template style: `{registry}`, `{upstream}` and the params are filled in.
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub override_path: bool,
    /// Registries a template serves; empty means any (but not `_default`
    /// when the template needs `{registry}`).
    #[serde(default)]
    pub registries: Vec<String>,
    #[serde(default, rename = "param")]
    pub params: Vec<ProviderParam>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The host of each `hosts` URL that parses, filled in when the
    /// catalog loads (checks compare against it on every edit).
    #[serde(skip)]
    pub mirror_hosts: BTreeMap<String, Host>,
}

impl Provider {
    pub fn supports(&self, registry: &str) -> bool {
        if !self.hosts.is_empty() {
            return self.hosts.contains_key(registry);
        }
        if !self.registries.is_empty() {
            return self.registries.iter().any(|r| r == registry);
        }
        !(registry == "_default" && self.template.contains("{registry}"))
    }

    /// Offered in pickers: everything but shut-down services.
    pub fn offered(&self) -> bool {
        self.status != ProviderStatus::Gone
    }

    /// The URL this provider gives for `registry` when it needs no params.
    pub fn url_for(&self, registry: &str, upstream: &str) -> Option<String> {
        if !self.params.is_empty() || !self.supports(registry) {
            return None;
        }
        Some(match self.hosts.get(registry) {
            Some(u) => u.clone(),
            None => self
                .template
                .replace("{registry}", registry)
                .replace("{upstream}", upstream),
        })
    }

    /// The mirror this provider gives for `registry`, with `params` filled in.
    /// `upstream` is the registry's API endpoint (for headers such as
    /// Dragonfly's). None when the provider does not serve the registry.
    pub fn mirror_for(
        &self,
        registry: &str,
        upstream: &str,
        params: &BTreeMap<String, String>,
    ) -> Option<Mirror> {
        if !self.supports(registry) {
            return None;
        }
        let fill = |t: &str| {
            let mut s = t
                .replace("{registry}", registry)
                .replace("{upstream}", upstream);
            for p in &self.params {
                let v = params.get(&p.name).map(String::as_str).unwrap_or("");
                s = s.replace(&format!("{{{}}}", p.name), v.trim());
            }
            s
        };
        let url = match self.hosts.get(registry) {
            Some(u) => u.clone(),
            None => fill(&self.template),
        };
        Some(Mirror {
            url,
            provider: self.id.clone(),
            override_path: self.override_path,
            // A header whose template has nothing to fill (no upstream for
            // `_default`) would be sent empty: leave it out.
            headers: self
                .headers
                .iter()
                .map(|(name, value)| Header {
                    name: name.clone(),
                    value: fill(value),
                })
                .filter(|h| !h.value.is_empty())
                .collect(),
            ..Mirror::default()
        })
    }
}
