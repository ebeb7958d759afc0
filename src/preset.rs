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

const FILES: &[&str] = &[
    include_str!("../presets/china-mainland.toml"),
    include_str!("../presets/corporate-proxy.toml"),
    include_str!("../presets/harbor-proxy-cache.toml"),
    include_str!("../presets/seed-containerd-proxy.toml"),
    include_str!("../presets/seed-certs-d.toml"),
    include_str!("../presets/seed-aliyun-legacy.toml"),
    include_str!("../presets/seed-sjtug-systemd.toml"),
    include_str!("../presets/seed-colima-proxy.toml"),
];

/// Every preset, in display order. The files are part of the build and
/// tested, so a parse failure is a build defect.
pub fn presets() -> &'static [Preset] {
    static PRESETS: OnceLock<Vec<Preset>> = OnceLock::new();
    PRESETS.get_or_init(|| {
        FILES
            .iter()
            .map(|f| toml_edit::de::from_str(f).expect("presets/*.toml"))
            .collect()
    })
}

pub fn preset(id: &str) -> Option<&'static Preset> {
    presets().iter().find(|p| p.preset.id == id)
}
