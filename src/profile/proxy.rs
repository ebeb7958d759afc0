//! The egress proxy and its exceptions.

use serde::{Deserialize, Serialize};

use super::{is_false, is_true, yes};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Proxy {
    /// `HTTP_PROXY`: used for plain-http registries.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub http: String,
    /// `HTTPS_PROXY`: used for https registries (nearly all of them).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub https: String,
    /// Ids of NO_PROXY bundles from `data/no_proxy.toml`, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub presets: Vec<String>,
    /// Further NO_PROXY entries (domains, IPs, CIDRs), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_proxy: Vec<String>,
    /// Add self-hosted and node-local mirrors, and registries whose upstream
    /// is in the network, to NO_PROXY.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub mirrors_bypass: bool,
    /// Also write `/etc/systemd/system/k3s.service.env`.
    #[serde(skip_serializing_if = "is_false")]
    pub k3s: bool,
}

impl Default for Proxy {
    fn default() -> Self {
        Proxy {
            http: String::new(),
            https: String::new(),
            presets: Vec::new(),
            no_proxy: Vec::new(),
            mirrors_bypass: true,
            k3s: false,
        }
    }
}

impl Proxy {
    pub fn is_empty(&self) -> bool {
        *self == Proxy::default()
    }
}
