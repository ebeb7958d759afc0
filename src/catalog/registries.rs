use serde::Deserialize;

use crate::plan::Url;

/// A well-known registry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryInfo {
    pub host: String,
    pub name: String,
    /// The API endpoint to fall back to; empty for `_default`.
    pub upstream: String,
    /// Hosts the upstream redirects downloads to (CDNs): they must be reachable too.
    #[serde(default)]
    pub blob_hosts: Vec<String>,
    /// The token service the upstream sends clients to.
    #[serde(default)]
    pub auth_hosts: Vec<String>,
    pub example_image: String,
    /// Other names of the same API endpoint, which are not registry names.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub note_zh: String,
    /// `https://` URLs of the blob and auth hosts without wildcards, parsed
    /// when the catalog loads (checks use them on every edit).
    #[serde(skip)]
    pub download_urls: Vec<(String, Url)>,
}
