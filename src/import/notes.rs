//! What import reports. Codes are stable (MS6xx), like the profile checks:
//!
//! | code  | severity | what |
//! |-------|----------|------|
//! | MS601 | error    | config.toml is not TOML (containerd refuses to start) |
//! | MS602 | error    | plugin keys do not match the `version` line: containerd ignores them silently (patching adds a missing line to match them) |
//! | MS603 | error    | a `version = 3` file for containerd 1.x: its CRI section is ignored |
//! | MS604 | info     | a legacy `mirrors` entry migrated to hosts.toml |
//! | MS605 | error    | `mirrors` and `config_path` both set: the CRI plugin fails to load |
//! | MS606 | error    | a `mirrors` key with a path (`docker.io/library`): not a registry host, never used |
//! | MS607 | warning  | `configs.<host>.auth` (or `auths`) cannot move to hosts.toml: it stays in config.toml |
//! | MS608 | info     | `configs.<host>.tls` moved to the host's table |
//! | MS609 | error    | a hosts.toml that containerd cannot read: silently ignored, pulls go upstream |
//! | MS610 | error    | an unknown capability (case does not matter): containerd ignores the whole file |
//! | MS611 | error    | a value of the wrong type: in config.toml (`version = "2"`, `endpoint = "https://m"`) containerd fails to start; in hosts.toml (`skip_verify = "yes"`) it ignores the whole file. The value is not used |
//! | MS612 | warning  | an unknown key: containerd ignores it without a word |
//! | MS613 | warning  | a hosts.toml without `[host]` table: rejected by 1.6 and 1.7 <= 1.7.31 |
//! | MS614 | error    | `config_path` is a list of the user's: one directory only (transfer service) |
//! | MS615 | info     | the legacy `"*"` wildcard became `_default` |
//! | MS616 | warning  | `registry.headers` (all registries) has no per-host equivalent here |
//! | MS617 | info     | an endpoint without scheme: containerd assumes https |
//! | MS618 | info     | a `host_port_` directory: read as `host:port` |
//! | MS619 | info     | the registry itself was listed: it stays last, as `server` when its URL is not what containerd assumes (`http://`) |
//! | MS620 | info     | containerd 2.x migrates a version 2 file at start |
//! | MS621 | warning  | a directory without hosts.toml: it still wins the lookup, with no mirror |
//! | MS622 | warning  | the registry itself was listed before mirrors: legacy CRI asked it first, hosts.toml asks it last |
//! | MS623 | warning  | `config_path` is containerd 2.2's default list: read as one path by the transfer service |
//! | MS624 | error    | `version = N` outside 1 to 3: containerd does not start, and the file cannot be patched |
//! | MS625 | warning  | a hosts.toml root sets `ca`, `client`, `skip_verify`, `header`, ... for the upstream: a profile cannot hold them, they are left out |
//! | MS626 | warning  | root `capabilities` without `server`: containerd ignores them |

use serde::Serialize;

use crate::check::Severity;
use crate::i18n::Text;

/// A problem or a note found while importing, with where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportFinding {
    pub code: &'static str,
    pub severity: Severity,
    /// `config.toml: [plugins...registry.mirrors."x"]` or `certs.d/docker.io/hosts.toml`.
    pub location: String,
    pub message: Text,
    pub fix: Text,
}

impl ImportFinding {
    pub fn new(
        code: &'static str,
        severity: Severity,
        location: impl Into<String>,
        message: Text,
        fix: Text,
    ) -> Self {
        ImportFinding {
            code,
            severity,
            location: location.into(),
            message,
            fix,
        }
    }
}
