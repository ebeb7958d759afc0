use serde::Deserialize;

/// A named bundle of NO_PROXY entries.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoProxyPreset {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub entries: Vec<String>,
}
