//! Where the files go: containerd, Docker Engine, colima.

use serde::{Deserialize, Serialize};

/// The hosts directory containerd reads (`config_path`).
pub const DEFAULT_CONFIG_PATH: &str = "/etc/containerd/certs.d";

/// containerd release lines that differ in what they read.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum ContainerdVersion {
    #[serde(rename = "1.6")]
    V1_6,
    #[default]
    #[serde(rename = "1.7")]
    V1_7,
    #[serde(rename = "2.0")]
    V2_0,
    #[serde(rename = "2.1")]
    V2_1,
    /// 2.2 and later.
    #[serde(rename = "2.2")]
    V2_2,
}

impl ContainerdVersion {
    pub const ALL: [ContainerdVersion; 5] = [
        ContainerdVersion::V1_6,
        ContainerdVersion::V1_7,
        ContainerdVersion::V2_0,
        ContainerdVersion::V2_1,
        ContainerdVersion::V2_2,
    ];

    /// The `version = N` header of config.toml this release reads natively.
    pub fn config_version(self) -> i64 {
        if self >= ContainerdVersion::V2_0 {
            3
        } else {
            2
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ContainerdVersion::V1_6 => "1.6",
            ContainerdVersion::V1_7 => "1.7",
            ContainerdVersion::V2_0 => "2.0",
            ContainerdVersion::V2_1 => "2.1",
            ContainerdVersion::V2_2 => "2.2+",
        }
    }

    pub fn from_label(s: &str) -> Option<ContainerdVersion> {
        let s = s.trim().trim_end_matches('+');
        Self::ALL
            .into_iter()
            .find(|v| v.label().trim_end_matches('+') == s)
    }

    /// `dial_timeout` in hosts.toml is read from 2.0.7 / 2.1 on.
    pub fn reads_dial_timeout(self) -> bool {
        self >= ContainerdVersion::V2_0
    }

    /// The `referrers` capability exists from 2.2 on.
    pub fn knows_referrers(self) -> bool {
        self >= ContainerdVersion::V2_2
    }

    /// The pause image the CRI plugin uses when none is configured.
    pub fn default_sandbox_image(self) -> &'static str {
        match self {
            ContainerdVersion::V1_6 => "registry.k8s.io/pause:3.6",
            ContainerdVersion::V1_7 => "registry.k8s.io/pause:3.8",
            ContainerdVersion::V2_0 | ContainerdVersion::V2_1 => "registry.k8s.io/pause:3.10",
            ContainerdVersion::V2_2 => "registry.k8s.io/pause:3.10.1",
        }
    }
}

/// How config.toml is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfigStyle {
    /// Only the keys Mirrorsmith sets; containerd fills in its defaults.
    #[default]
    Minimal,
    /// The release's `containerd config default` with our keys applied.
    Full,
    /// `/etc/containerd/conf.d/` drop-in, imported by the 2.2+ default config.
    DropIn,
}

impl ConfigStyle {
    pub const ALL: [ConfigStyle; 3] =
        [ConfigStyle::Minimal, ConfigStyle::Full, ConfigStyle::DropIn];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContainerdTarget {
    pub version: ContainerdVersion,
    #[serde(skip_serializing_if = "is_default_style")]
    pub config: ConfigStyle,
    /// The hosts directory; one directory, never a `a:b` list.
    #[serde(skip_serializing_if = "is_default_config_path")]
    pub config_path: String,
}

impl Default for ContainerdTarget {
    fn default() -> Self {
        ContainerdTarget {
            version: ContainerdVersion::default(),
            config: ConfigStyle::default(),
            config_path: DEFAULT_CONFIG_PATH.to_string(),
        }
    }
}

fn is_default_style(s: &ConfigStyle) -> bool {
    *s == ConfigStyle::default()
}

fn is_default_config_path(s: &String) -> bool {
    s == DEFAULT_CONFIG_PATH
}

/// Docker Engine generations that differ in where the daemon proxy goes.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum DockerEngine {
    /// Before 23.0: the proxy can only be a systemd drop-in.
    #[serde(rename = "<23")]
    Before23,
    /// 23.0 and later: daemon.json has `proxies`.
    #[default]
    #[serde(rename = "23+")]
    From23,
}

impl DockerEngine {
    pub fn label(self) -> &'static str {
        match self {
            DockerEngine::Before23 => "< 23",
            DockerEngine::From23 => "23+",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DockerTarget {
    pub engine: DockerEngine,
    /// Also write `~/.docker/config.json` so containers and builds get the proxy.
    #[serde(skip_serializing_if = "crate::profile::is_false")]
    pub client_proxy: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColimaRuntime {
    #[default]
    Docker,
    Containerd,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ColimaTarget {
    pub runtime: ColimaRuntime,
    /// The colima profile name (`colima start -p NAME`).
    #[serde(skip_serializing_if = "is_default_colima_profile")]
    pub profile: String,
}

impl Default for ColimaTarget {
    fn default() -> Self {
        ColimaTarget {
            runtime: ColimaRuntime::default(),
            profile: "default".to_string(),
        }
    }
}

fn is_default_colima_profile(s: &String) -> bool {
    s == "default"
}
