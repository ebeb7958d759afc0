//! The profile: one plain serde model of everything the user chose.
//!
//! It holds strings exactly as entered; [`crate::plan`] parses them. Fields
//! equal to their default are left out when serialized, so profile files and
//! share links carry only what the user changed.

mod proxy;
mod registry;
mod targets;

pub use proxy::Proxy;
pub(crate) use registry::is_default_capabilities;
pub use registry::{
    Capability, ClientCert, Header, Mirror, Registry, DEFAULT_CAPABILITIES, HARMLESS_HEADERS,
};
pub use targets::{
    ColimaRuntime, ColimaTarget, ConfigStyle, ContainerdTarget, ContainerdVersion, DockerEngine,
    DockerTarget, DEFAULT_CONFIG_PATH,
};

use serde::{Deserialize, Serialize};

/// Everything one node (or one colima VM) should be configured with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// A label for the user's own reference ("prod nodes, Shanghai").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub containerd: Option<ContainerdTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docker: Option<DockerTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colima: Option<ColimaTarget>,
    /// Write the proxy into `/etc/environment` for login shells and tools.
    #[serde(skip_serializing_if = "is_false")]
    pub host_environment: bool,
    /// The node runs Kubernetes (kubelet talks to containerd over CRI).
    #[serde(skip_serializing_if = "is_false")]
    pub kubernetes: bool,
    #[serde(rename = "registry", skip_serializing_if = "Vec::is_empty")]
    pub registries: Vec<Registry>,
    #[serde(skip_serializing_if = "Proxy::is_empty")]
    pub proxy: Proxy,
    /// Pause image for CRI sandboxes; empty keeps the containerd default.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sandbox_image: String,
    /// Set runc's `SystemdCgroup`; `None` leaves it alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub systemd_cgroup: Option<bool>,
}

/// The empty profile: nothing selected. Files and links store only what
/// differs from it.
impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: String::new(),
            containerd: None,
            docker: None,
            colima: None,
            host_environment: false,
            kubernetes: false,
            registries: Vec::new(),
            proxy: Proxy::default(),
            sandbox_image: String::new(),
            systemd_cgroup: None,
        }
    }
}

impl Profile {
    /// Reads a profile file (TOML).
    pub fn from_toml(text: &str) -> Result<Profile, String> {
        toml_edit::de::from_str(text).map_err(|e| e.to_string())
    }

    /// Writes the profile as a TOML file.
    pub fn to_toml(&self) -> String {
        // The model has no type that TOML cannot express, so this cannot fail.
        toml_edit::ser::to_string_pretty(self).unwrap_or_default()
    }

    /// The registry with this host, if the profile has one.
    pub fn registry(&self, host: &str) -> Option<&Registry> {
        self.registries.iter().find(|r| r.host == host)
    }

    /// True when any target reads the proxy settings.
    pub fn has_proxy(&self) -> bool {
        !self.proxy.http.trim().is_empty() || !self.proxy.https.trim().is_empty()
    }
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

pub(crate) fn is_true(b: &bool) -> bool {
    *b
}

pub(crate) fn yes() -> bool {
    true
}
