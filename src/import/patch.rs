//! Patch mode: the user's own config.toml with only the registry section
//! (and the chosen extras) changed, everything else - comments, order,
//! unrelated settings - kept, plus a unified diff to review.

use serde::Serialize;
use toml_edit::{DocumentMut, Item};

use crate::i18n::Text;
use crate::plan::Plan;
use crate::profile::{ContainerdVersion, Profile};
use crate::render::{apply_settings, ConfigChange, ContainerdSettings};
use crate::text;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Patched {
    pub text: String,
    /// Unified diff from the original to the patched file.
    pub diff: String,
    pub changes: Vec<ConfigChange>,
    /// The `version` of the file (its keys are written for it).
    pub config_version: i64,
}

/// Applies the profile's containerd settings to `original`, in the key
/// style of its own `version` header.
pub fn patch(original: &str, profile: &Profile) -> Result<Patched, Text> {
    let mut doc: DocumentMut = original.parse().map_err(|e: toml_edit::TomlError| {
        let detail = e.to_string();
        text!(
            "config.toml is not valid TOML: {detail}",
            "config.toml 不是有效的 TOML：{detail}"
        )
    })?;
    let config_version = doc.get("version").and_then(Item::as_integer).unwrap_or(1);
    let plan = Plan::new(profile);
    let target = profile
        .containerd
        .as_ref()
        .map(|c| c.version)
        .unwrap_or_default();
    let mut settings = ContainerdSettings::from_plan(&plan, target);
    settings.config_version = config_version;
    settings.transfer_config_path = config_version >= 3 && target >= ContainerdVersion::V2_0;
    let changes = apply_settings(&mut doc, &settings);
    let text = doc.to_string();
    let diff = if text == original {
        String::new()
    } else {
        diffy::DiffOptions::new()
            .set_context_len(3)
            .set_original_filename("a/etc/containerd/config.toml")
            .set_modified_filename("b/etc/containerd/config.toml")
            .create_patch(original, &text)
            .to_string()
    };
    Ok(Patched {
        text,
        diff,
        changes,
        config_version,
    })
}
