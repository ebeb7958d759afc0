//! Rendering: a profile in, the files a node needs out. One module per
//! output format; each reads the [`Plan`] and skips what is invalid.

mod archive;
mod colima;
pub(crate) mod containerd_config;
mod docker;
mod environment;
mod header;
mod hosts_toml;
mod install_sh;
mod k3s;
mod shell;
mod systemd;

pub use archive::{
    archive_entries, one_liner, one_liner_possible, one_liner_with, tar_gz, tar_gz_entries, zip,
    zip_entries, ArchiveEntry, ArchiveFormat, ArchiveJob, ARCHIVE_MTIME,
};
pub use colima::{colima_steps, Step};
pub use containerd_config::{
    apply_settings, default_config, ConfigChange, ContainerdSettings, DROP_IN_PATH,
};
pub use docker::usable_by_docker;
pub use environment::{BLOCK_BEGIN, BLOCK_END};
pub use hosts_toml::{hosts_file, ClientItem, ClientSpec, HostEntry, HostsFile, OneOrMany};
pub use install_sh::verify_steps;

pub use systemd::escape_environment_assignment;

use serde::Serialize;

use crate::i18n::Text;
use crate::plan::Plan;
use crate::profile::Profile;

/// Syntax of a generated file (for highlighting and headers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Toml,
    Yaml,
    Json,
    Shell,
    /// systemd unit syntax.
    Ini,
    /// `KEY=value` lines.
    Env,
}

/// How install.sh puts a file in place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Install {
    /// Back up and replace the file; reload systemd and restart these units when it changed.
    Write {
        daemon_reload: bool,
        restart: Vec<&'static str>,
    },
    /// Keep the file and replace only Mirrorsmith's marked block in it.
    Block { restart: Vec<&'static str> },
    /// Merge the top-level keys into an existing JSON object, shallowly: a
    /// key we write (`proxies`, `registry-mirrors`) replaces that key whole,
    /// every other (`auths`, `log-driver`, ...) is kept; then restart these
    /// units.
    JsonMerge { restart: Vec<&'static str> },
    /// Applied by hand, not on the node (colima.yaml lives on the workstation).
    Manual,
    /// The installer itself.
    Script,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GeneratedFile {
    /// Absolute, or `~/...` for a file in the user's home.
    pub path: String,
    pub mode: u32,
    pub content: String,
    pub language: Language,
    pub install: Install,
    /// One line on what the file does.
    pub about: Text,
}

impl GeneratedFile {
    /// The path inside an archive or an `--out` directory: `/etc/x` -> `etc/x`,
    /// `~/x` -> `root/x` (the installer runs as root).
    pub fn tree_path(&self) -> String {
        match self.path.strip_prefix("~/") {
            Some(rest) => format!("root/{rest}"),
            None => self.path.trim_start_matches('/').to_string(),
        }
    }

    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileTree {
    pub files: Vec<GeneratedFile>,
    /// The share link written into the headers (never with secrets).
    pub link: String,
}

impl FileTree {
    pub fn get(&self, path: &str) -> Option<&GeneratedFile> {
        self.files.iter().find(|f| f.path == path)
    }

    pub fn paths(&self) -> Vec<&str> {
        self.files.iter().map(|f| f.path.as_str()).collect()
    }

    /// The name the file at `path` downloads as on its own: hosts.toml
    /// files and names that occur twice get their directory in front
    /// (`docker.io_hosts.toml`).
    pub fn download_name(&self, path: &str) -> String {
        let mut parts = path.rsplit('/');
        let name = parts.next().unwrap_or(path);
        let twice = self.files.iter().filter(|f| f.file_name() == name).count() > 1;
        match parts.next() {
            Some(dir) if !dir.is_empty() && dir != "~" && (twice || name == "hosts.toml") => {
                format!("{dir}_{name}")
            }
            _ => name.to_string(),
        }
    }
}

/// The image a pull check uses: the catalog's example for the first
/// registry with mirrors that has one, else busybox from Docker Hub.
pub(crate) fn example_image(plan: &Plan) -> String {
    plan.registries
        .iter()
        .filter(|r| !r.mirrors.is_empty())
        .filter_map(|r| crate::catalog::catalog().registry(&r.name))
        .map(|r| r.example_image.clone())
        .find(|i| !i.is_empty())
        .unwrap_or_else(|| "docker.io/library/busybox:1.36".to_string())
}

/// Where the web app lives, for the share link in every file header.
pub const DEFAULT_APP_URL: &str = "http://127.0.0.1:8080/";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    /// The app URL the share link in each header points at.
    pub app_url: String,
    /// The node's own config.toml: patched in place instead of replaced.
    pub base_config: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            app_url: DEFAULT_APP_URL.to_string(),
            base_config: None,
        }
    }
}

/// Renders every file for the profile.
pub fn render(profile: &Profile, options: &RenderOptions) -> FileTree {
    let plan = Plan::new(profile);
    render_plan(&plan, options)
}

/// Renders from an existing plan (the app and `check` share one). A
/// `base_config` that cannot be patched (not TOML, a version line no
/// containerd reads) gives a new config.toml whose `about` says so; use
/// [`try_render_plan`] to fail instead.
pub fn render_plan(plan: &Plan, options: &RenderOptions) -> FileTree {
    render_tree(plan, options).0
}

/// [`render_plan`], failing with the reason when `base_config` cannot be
/// patched, instead of replacing it (`render --patch`).
pub fn try_render_plan(plan: &Plan, options: &RenderOptions) -> Result<FileTree, Text> {
    match render_tree(plan, options) {
        (_, Some(why)) => Err(why),
        (tree, None) => Ok(tree),
    }
}

fn render_tree(plan: &Plan, options: &RenderOptions) -> (FileTree, Option<Text>) {
    let link = crate::share::link(&options.app_url, plan.profile, false);
    let ctx = header::Context::new(&link, proxy_env(plan, None));
    // config.toml, hosts.toml files, drop-ins, Docker, environment, k3s,
    // colima and install.sh.
    let mut files = Vec::with_capacity(plan.registries.len() + 10);
    let mut unpatched = None;
    if let Some(c) = &plan.profile.containerd {
        let (config, why) =
            containerd_config::render(plan, c, &ctx, options.base_config.as_deref());
        files.push(config);
        unpatched = why;
        hosts_toml::render_all(plan, c, &ctx, &mut files);
        files.extend(systemd::containerd_drop_in(c, &ctx));
    }
    if let Some(d) = &plan.profile.docker {
        files.extend(docker::daemon_json(plan, d));
        files.extend(systemd::docker_drop_in(d, &ctx));
        files.extend(docker::client_config(plan, d));
    }
    if plan.profile.host_environment {
        files.extend(environment::render(&ctx));
    }
    if plan.profile.proxy.k3s {
        files.extend(k3s::render(&ctx));
    }
    if let Some(c) = &plan.profile.colima {
        files.push(colima::render(plan, c, &ctx));
    }
    if files.iter().any(|f| f.install != Install::Manual) {
        let script = install_sh::render(plan, &files, &ctx);
        files.push(script);
    }
    (FileTree { files, link }, unpatched)
}

/// The proxy variables to set, in order, with loopback proxies optionally
/// moved to `gateway` (a VM reaches its host's 127.0.0.1 there).
pub(crate) fn proxy_env(plan: &Plan, gateway: Option<&str>) -> Vec<(&'static str, String)> {
    let shown = |u: &crate::plan::Url| match gateway {
        Some(g) if u.host.is_loopback() => {
            let mut moved = u.clone();
            moved.host = crate::plan::Host::Name(g.to_string());
            moved.to_string()
        }
        _ => u.to_string(),
    };
    let mut vars = Vec::new();
    if let Some(u) = &plan.proxy.http {
        vars.push(("HTTP_PROXY", shown(u)));
    }
    if let Some(u) = &plan.proxy.https {
        vars.push(("HTTPS_PROXY", shown(u)));
    }
    if let Some(no_proxy) = plan.proxy.no_proxy_env() {
        vars.push(("NO_PROXY", no_proxy));
    }
    vars
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::presets;

    #[test]
    fn single_downloads_get_distinct_names() {
        let mut p = presets()
            .iter()
            .find(|p| p.preset.id == "china-mainland")
            .unwrap()
            .profile
            .clone();
        p.docker = Some(Default::default());
        p.proxy.https = "http://proxy.example.com:3128".into();
        let tree = render(&p, &Default::default());
        let names: Vec<String> = tree
            .files
            .iter()
            .map(|f| tree.download_name(&f.path))
            .collect();
        assert!(names.contains(&"docker.io_hosts.toml".to_string()));
        assert!(names.contains(&"config.toml".to_string()));
        assert!(names.contains(&"install.sh".to_string()));
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }
}
