//! Which config version a config.toml is, for containerd and for patching.
//! One rule, used by import (its findings) and patch (its output): the
//! `version` line decides what containerd reads (none means 1); a file
//! without that line whose CRI keys are written for a later version was
//! meant for that version, so patching adds the line instead of writing
//! version 1 keys beside keys containerd ignores.

use toml_edit::{DocumentMut, Item, TableLike};

use crate::profile::ContainerdVersion;
use crate::render::containerd_config::{CRI_V1, CRI_V2, IMAGES_V3, RUNTIME_V3};

/// The `version` line of a config.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Header {
    Missing,
    Int(i64),
    /// Not an integer (`version = "2"`): containerd fails to start.
    Invalid {
        /// The config version (1 to 3) it spells, if any.
        meant: Option<i64>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FileVersion {
    pub header: Header,
    /// The version the file's CRI plugin keys are written for.
    pub keys: Option<i64>,
}

/// Which config version a file's plugin keys are written for.
fn key_version(plugins: &dyn TableLike) -> Option<i64> {
    if plugins.contains_key(IMAGES_V3) || plugins.contains_key(RUNTIME_V3) {
        Some(3)
    } else if plugins.contains_key(CRI_V2) {
        Some(2)
    } else if plugins.contains_key(CRI_V1) {
        Some(1)
    } else {
        None
    }
}

impl FileVersion {
    pub fn of(doc: &DocumentMut) -> FileVersion {
        let header = match doc.get("version") {
            None => Header::Missing,
            Some(item) => match item.as_integer() {
                Some(n) => Header::Int(n),
                // `version = "4"` spells no version containerd reads.
                None => Header::Invalid {
                    meant: item
                        .as_str()
                        .and_then(|s| s.trim().parse().ok())
                        .filter(|n| (1..=3).contains(n)),
                },
            },
        };
        let keys = doc
            .get("plugins")
            .and_then(Item::as_table_like)
            .and_then(key_version);
        FileVersion { header, keys }
    }

    /// The version containerd reads the file as (a missing line is 1).
    pub fn read_as(&self) -> i64 {
        match self.header {
            Header::Missing => 1,
            Header::Int(n) => n,
            Header::Invalid { meant } => meant.unwrap_or(1),
        }
    }

    /// The version a patched file is written for. An explicit header stays
    /// (changing it would change what every other key means); without one,
    /// the keys' version, if the target containerd reads it.
    pub fn patch_version(&self, target: ContainerdVersion) -> i64 {
        let from_keys = || match self.keys {
            Some(k) if k >= 2 => k.min(target.config_version()),
            _ => 1,
        };
        match self.header {
            Header::Int(n) => n,
            Header::Invalid { meant: Some(n) } => n,
            Header::Missing | Header::Invalid { meant: None } => from_keys(),
        }
    }

    /// The version whose keys import reads: what the user meant.
    pub fn meant(&self) -> i64 {
        self.keys.unwrap_or_else(|| self.read_as())
    }

    /// The versions whose registry tables import reads and patch migrates
    /// (legacy `mirrors` and `configs.*.tls` become hosts.toml, then go):
    /// the one the keys are written for, then the one the patched file is
    /// written for (mirrors cannot stay beside its config_path). Each table
    /// once; the tables of other versions are neither read nor changed.
    pub fn registry_versions(&self, target: ContainerdVersion) -> Vec<i64> {
        let mut v = vec![self.meant().clamp(1, 3)];
        let written = self.patch_version(target).clamp(1, 3);
        if written != v[0] {
            v.push(written);
        }
        v
    }
}
