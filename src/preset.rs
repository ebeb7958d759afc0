//! Presets: ready profiles kept as data files under `presets/`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::profile::Profile;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresetInfo {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub description: String,
    pub description_zh: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub preset: PresetInfo,
    pub profile: Profile,
}

/// Every preset, in file-name order. build.rs converts presets/*.toml to
/// JSON; the files are part of the build and tested, so a parse failure is a
/// build defect.
pub fn presets() -> &'static [Preset] {
    static PRESETS: OnceLock<Vec<Preset>> = OnceLock::new();
    PRESETS.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/presets.json")))
            .expect("presets/*.toml")
    })
}

pub fn preset(id: &str) -> Option<&'static Preset> {
    presets().iter().find(|p| p.preset.id == id)
}
