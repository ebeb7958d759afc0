//! Where in the profile something is: findings point at fields so that the
//! UI can show them beside the input and the CLI can name them.

use std::fmt;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MirrorField {
    Url,
    Capabilities,
    SkipVerify,
    Ca(usize),
    Client(usize),
    Header(usize),
    OverridePath,
    DialTimeout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The profile as a whole (no single input).
    Profile,
    ContainerdVersion,
    ContainerdConfig,
    ConfigPath,
    Docker,
    Colima,
    ColimaProfile,
    Kubernetes,
    RegistryHost(usize),
    RegistryServer(usize),
    RegistryFallback(usize),
    Mirror {
        registry: usize,
        mirror: usize,
        field: MirrorField,
    },
    ProxyHttp,
    ProxyHttps,
    NoProxyPreset(usize),
    NoProxy(usize),
    SandboxImage,
    SystemdCgroup,
}

impl Field {
    pub fn mirror(registry: usize, mirror: usize, field: MirrorField) -> Field {
        Field::Mirror {
            registry,
            mirror,
            field,
        }
    }

    /// The registry this field belongs to, if any.
    pub fn registry(&self) -> Option<usize> {
        match *self {
            Field::RegistryHost(r) | Field::RegistryServer(r) | Field::RegistryFallback(r) => {
                Some(r)
            }
            Field::Mirror { registry, .. } => Some(registry),
            _ => None,
        }
    }

    pub fn is_proxy(&self) -> bool {
        matches!(
            self,
            Field::ProxyHttp | Field::ProxyHttps | Field::NoProxy(_) | Field::NoProxyPreset(_)
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Profile => f.write_str("profile"),
            Field::ContainerdVersion => f.write_str("containerd.version"),
            Field::ContainerdConfig => f.write_str("containerd.config"),
            Field::ConfigPath => f.write_str("containerd.config_path"),
            Field::Docker => f.write_str("docker"),
            Field::Colima => f.write_str("colima"),
            Field::ColimaProfile => f.write_str("colima.profile"),
            Field::Kubernetes => f.write_str("kubernetes"),
            Field::RegistryHost(r) => write!(f, "registry[{r}].host"),
            Field::RegistryServer(r) => write!(f, "registry[{r}].server"),
            Field::RegistryFallback(r) => write!(f, "registry[{r}].fallback"),
            Field::Mirror {
                registry,
                mirror,
                field,
            } => {
                write!(f, "registry[{registry}].mirror[{mirror}].")?;
                match field {
                    MirrorField::Url => f.write_str("url"),
                    MirrorField::Capabilities => f.write_str("capabilities"),
                    MirrorField::SkipVerify => f.write_str("skip_verify"),
                    MirrorField::Ca(i) => write!(f, "ca[{i}]"),
                    MirrorField::Client(i) => write!(f, "client[{i}]"),
                    MirrorField::Header(i) => write!(f, "header[{i}]"),
                    MirrorField::OverridePath => f.write_str("override_path"),
                    MirrorField::DialTimeout => f.write_str("dial_timeout"),
                }
            }
            Field::ProxyHttp => f.write_str("proxy.http"),
            Field::ProxyHttps => f.write_str("proxy.https"),
            Field::NoProxyPreset(i) => write!(f, "proxy.presets[{i}]"),
            Field::NoProxy(i) => write!(f, "proxy.no_proxy[{i}]"),
            Field::SandboxImage => f.write_str("sandbox_image"),
            Field::SystemdCgroup => f.write_str("systemd_cgroup"),
        }
    }
}
