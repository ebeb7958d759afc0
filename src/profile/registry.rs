//! Registries and their mirrors, as entered.

use serde::{Deserialize, Serialize};

use super::{is_false, is_true, yes};

/// One upstream registry (`docker.io`, `registry.test:5000`, `_default`) and
/// the mirrors tried before it, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Registry {
    pub host: String,
    #[serde(rename = "mirror", skip_serializing_if = "Vec::is_empty")]
    pub mirrors: Vec<Mirror>,
    /// Keep the upstream as the last host for pulls. Off: it is kept for push only.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub fallback: bool,
    /// The upstream API endpoint; empty uses the catalog's (docker.io ->
    /// registry-1.docker.io) or the registry host itself.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub server: String,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            host: String::new(),
            mirrors: Vec::new(),
            fallback: true,
            server: String::new(),
        }
    }
}

impl Registry {
    pub fn new(host: impl Into<String>) -> Registry {
        Registry {
            host: host.into(),
            ..Registry::default()
        }
    }
}

/// What containerd may use a host for (`capabilities` in hosts.toml).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Capability {
    Pull,
    Resolve,
    Push,
    /// containerd >= 2.2.
    Referrers,
}

impl Capability {
    /// Every capability, in containerd's (and `Ord`'s) order.
    pub const ALL: [Capability; 4] = [
        Capability::Pull,
        Capability::Resolve,
        Capability::Push,
        Capability::Referrers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Pull => "pull",
            Capability::Resolve => "resolve",
            Capability::Push => "push",
            Capability::Referrers => "referrers",
        }
    }

    pub fn parse(s: &str) -> Option<Capability> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A mirror pulls and resolves tags unless told otherwise.
pub const DEFAULT_CAPABILITIES: [Capability; 2] = [Capability::Pull, Capability::Resolve];

fn default_capabilities() -> Vec<Capability> {
    DEFAULT_CAPABILITIES.to_vec()
}

pub(crate) fn is_default_capabilities(c: &[Capability]) -> bool {
    c == DEFAULT_CAPABILITIES
}

/// A client certificate and, unless the file holds both, its key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClientCert {
    pub cert: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key: String,
}

/// An extra HTTP header sent to the mirror.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// Header names known to carry nothing secret; every other header value is
/// treated as a credential (`X-Registry-Auth`, `X-JFrog-Art-Api`, `Auth`,
/// `PRIVATE-TOKEN`, ...): a name list cannot know every scheme, so it fails
/// closed. Compared without case.
pub const HARMLESS_HEADERS: &[&str] = &[
    // Dragonfly's dfdaemon: the upstream registry URL.
    "X-Dragonfly-Registry",
    "User-Agent",
    "Accept",
    "Accept-Language",
];

impl Header {
    /// Header values left out of share links unless asked: all but
    /// [`HARMLESS_HEADERS`].
    pub fn is_secret(&self) -> bool {
        let name = self.name.trim();
        !HARMLESS_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
    }
}

/// One mirror of a registry, as a `[host."URL"]` table in hosts.toml.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mirror {
    /// Left out when empty (share links leave out URLs a preset implies).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The provider preset it came from (`daocloud`, `harbor`, ...); empty for custom.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub provider: String,
    #[serde(
        default = "default_capabilities",
        skip_serializing_if = "is_default_capabilities"
    )]
    pub capabilities: Vec<Capability>,
    #[serde(skip_serializing_if = "is_false")]
    pub skip_verify: bool,
    /// CA certificate files (absolute, or relative to the hosts.toml directory).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ca: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub client: Vec<ClientCert>,
    #[serde(rename = "header", skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    /// The URL path is the API root: containerd does not append `/v2`.
    #[serde(skip_serializing_if = "is_false")]
    pub override_path: bool,
    /// Connect timeout as a Go duration (`"3s"`); containerd >= 2.0.7 / 2.1.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub dial_timeout: String,
}

impl Default for Mirror {
    fn default() -> Self {
        Mirror {
            url: String::new(),
            provider: String::new(),
            capabilities: default_capabilities(),
            skip_verify: false,
            ca: Vec::new(),
            client: Vec::new(),
            headers: Vec::new(),
            override_path: false,
            dial_timeout: String::new(),
        }
    }
}

impl Mirror {
    pub fn new(url: impl Into<String>) -> Mirror {
        Mirror {
            url: url.into(),
            ..Mirror::default()
        }
    }

    pub fn has(&self, cap: Capability) -> bool {
        // An empty list means every capability to containerd.
        self.capabilities.is_empty() || self.capabilities.contains(&cap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_capabilities_are_in_order() {
        assert!(Capability::ALL.windows(2).all(|w| w[0] < w[1]));
        for c in Capability::ALL {
            // A new variant must join ALL (this match breaks until it does).
            match c {
                Capability::Pull
                | Capability::Resolve
                | Capability::Push
                | Capability::Referrers => {}
            }
        }
    }

    #[test]
    fn headers_are_secret_unless_known_harmless() {
        let header = |name: &str| Header {
            name: name.into(),
            value: "x".into(),
        };
        for name in [
            "Authorization",
            "X-Registry-Auth",
            "X-JFrog-Art-Api",
            "Auth",
            "PRIVATE-TOKEN",
            "X-Anything",
            "",
        ] {
            assert!(header(name).is_secret(), "{name}");
        }
        for name in [
            "X-Dragonfly-Registry",
            "x-dragonfly-registry ",
            "User-Agent",
            "accept",
        ] {
            assert!(!header(name).is_secret(), "{name}");
        }
    }
}
