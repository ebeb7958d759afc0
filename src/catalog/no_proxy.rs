use serde::Deserialize;

/// A named bundle of NO_PROXY entries.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoProxyPreset {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub entries: Vec<String>,
    /// What the bundle is for, when the name does not say it all.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: String,
    /// When the bundle was added or last checked, if not the file's date.
    #[serde(default)]
    pub as_of: String,
}
