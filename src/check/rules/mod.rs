//! Every check, one per file. The order of [`RULES`] is the order of findings
//! within a severity.

mod blob_hosts_bypassed;
mod capabilities_empty;
mod catalog_note;
mod colima_containerd_needs_provision;
mod config_replaces_existing;
mod default_registry;
mod docker_only_mirrors_hub;
mod drop_in_needs_2_2;
mod duplicate_mirror;
mod duplicate_registry;
mod https_proxy_missing;
mod in_network_registry_proxied;
mod invalid_colima_profile;
mod invalid_config_path;
mod invalid_dial_timeout;
mod invalid_file_path;
mod invalid_header;
mod invalid_mirror_url;
mod invalid_no_proxy;
mod invalid_proxy_url;
mod invalid_registry_host;
mod invalid_sandbox_image;
mod invalid_server_url;
mod kubernetes_no_proxy;
mod loopback_mirror_in_vm;
mod mirror_is_upstream;
mod mirror_without_resolve;
mod no_proxy_cidr_names;
mod no_proxy_everything;
mod no_target;
mod override_path_without_path;
mod pause_image_source;
mod prefix_path_without_override;
mod provider_mismatch;
mod provider_status;
mod proxy_https_scheme;
mod proxy_loopback;
mod proxy_unused;
mod public_mirror_resolve;
mod push_to_mirror;
mod registry_api_alias;
mod registry_port;
mod registry_without_mirrors;
mod server_docker_io_website;
mod skip_verify;
mod systemd_cgroup_reset;
mod tls_on_http_mirror;
mod trailing_slash;
mod version_gated_fields;

mod prelude {
    pub(super) use crate::catalog::{catalog, ProviderStatus};
    pub(super) use crate::check::{Findings, Rule, Severity};
    pub(super) use crate::i18n::Text;
    pub(super) use crate::plan::{
        go_uses_proxy, is_in_network_host, Field, Host, InvalidKind, MirrorField, NoProxyEntry,
        NoProxySource, Plan, RegistryHost, Url, UrlRules,
    };
    pub(super) use crate::profile::{Capability, ColimaRuntime, ConfigStyle, ContainerdVersion};
    pub(super) use crate::text;
}

use super::Rule;

pub const RULES: &[Rule] = &[
    invalid_registry_host::RULE,
    invalid_mirror_url::RULE,
    invalid_server_url::RULE,
    invalid_proxy_url::RULE,
    invalid_no_proxy::RULE,
    invalid_header::RULE,
    invalid_dial_timeout::RULE,
    invalid_file_path::RULE,
    invalid_config_path::RULE,
    invalid_sandbox_image::RULE,
    invalid_colima_profile::RULE,
    no_target::RULE,
    drop_in_needs_2_2::RULE,
    config_replaces_existing::RULE,
    docker_only_mirrors_hub::RULE,
    colima_containerd_needs_provision::RULE,
    duplicate_registry::RULE,
    registry_api_alias::RULE,
    server_docker_io_website::RULE,
    default_registry::RULE,
    registry_without_mirrors::RULE,
    registry_port::RULE,
    catalog_note::RULE,
    tls_on_http_mirror::RULE,
    mirror_without_resolve::RULE,
    public_mirror_resolve::RULE,
    override_path_without_path::RULE,
    prefix_path_without_override::RULE,
    duplicate_mirror::RULE,
    mirror_is_upstream::RULE,
    provider_status::RULE,
    provider_mismatch::RULE,
    version_gated_fields::RULE,
    capabilities_empty::RULE,
    push_to_mirror::RULE,
    trailing_slash::RULE,
    skip_verify::RULE,
    loopback_mirror_in_vm::RULE,
    proxy_https_scheme::RULE,
    https_proxy_missing::RULE,
    no_proxy_cidr_names::RULE,
    in_network_registry_proxied::RULE,
    kubernetes_no_proxy::RULE,
    blob_hosts_bypassed::RULE,
    proxy_loopback::RULE,
    proxy_unused::RULE,
    no_proxy_everything::RULE,
    systemd_cgroup_reset::RULE,
    pause_image_source::RULE,
];
