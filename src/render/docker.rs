//! Docker Engine `/etc/docker/daemon.json` and the client's
//! `~/.docker/config.json`.

use serde::Serialize;

use super::{GeneratedFile, Install, Language};
use crate::plan::{MirrorPlan, Plan, RegistryHost};
use crate::profile::{DockerEngine, DockerTarget};
use crate::text;

#[derive(Serialize)]
struct DaemonProxies {
    #[serde(rename = "http-proxy", skip_serializing_if = "Option::is_none")]
    http: Option<String>,
    #[serde(rename = "https-proxy", skip_serializing_if = "Option::is_none")]
    https: Option<String>,
    #[serde(rename = "no-proxy", skip_serializing_if = "Option::is_none")]
    no_proxy: Option<String>,
}

/// The keys of daemon.json Mirrorsmith owns.
#[derive(Serialize)]
struct DaemonJson {
    #[serde(rename = "registry-mirrors", skip_serializing_if = "Vec::is_empty")]
    registry_mirrors: Vec<String>,
    #[serde(rename = "insecure-registries", skip_serializing_if = "Vec::is_empty")]
    insecure_registries: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxies: Option<DaemonProxies>,
}

/// dockerd uses `registry-mirrors` for Docker Hub only, and only a bare
/// scheme://host[:port]: a path crashes it, headers and client certificates
/// cannot be given.
pub fn usable_by_docker(m: &MirrorPlan) -> bool {
    m.url.path.is_empty() && !m.source.override_path && m.headers.is_empty()
}

/// The Docker Hub mirrors dockerd can use, as written into daemon.json.
pub(crate) fn docker_hub_mirrors(plan: &Plan) -> (Vec<String>, Vec<String>) {
    let mut mirrors = Vec::new();
    let mut insecure = Vec::new();
    let hub = RegistryHost::parse("docker.io").ok();
    if let Some(reg) = plan
        .registries
        .iter()
        .find(|r| Some(&r.host) == hub.as_ref())
    {
        for m in reg.mirrors.iter().filter(|m| usable_by_docker(m)) {
            mirrors.push(m.url_text.clone());
            if m.url.is_http() {
                insecure.push(m.url.authority());
            }
        }
    }
    (mirrors, insecure)
}

fn proxies(plan: &Plan) -> Option<DaemonProxies> {
    if !plan.proxy.is_set() {
        return None;
    }
    let no_proxy = plan.proxy.no_proxy_value();
    Some(DaemonProxies {
        http: plan.proxy.http.as_ref().map(|u| u.to_string()),
        https: plan.proxy.https.as_ref().map(|u| u.to_string()),
        no_proxy: (!no_proxy.is_empty()).then_some(no_proxy),
    })
}

pub(crate) fn daemon_json(plan: &Plan, d: &DockerTarget) -> Option<GeneratedFile> {
    let (registry_mirrors, insecure_registries) = docker_hub_mirrors(plan);
    let json = DaemonJson {
        registry_mirrors,
        insecure_registries,
        proxies: if d.engine == DockerEngine::From23 {
            proxies(plan)
        } else {
            None
        },
    };
    if json.registry_mirrors.is_empty() && json.proxies.is_none() {
        return None;
    }
    Some(GeneratedFile {
        path: "/etc/docker/daemon.json".into(),
        mode: 0o644,
        content: to_json(&json),
        language: Language::Json,
        install: Install::JsonMerge {
            restart: vec!["docker"],
        },
        about: text!(
            "Docker Engine: Docker Hub mirrors and daemon proxy (merged into your daemon.json)",
            "Docker Engine：Docker Hub 镜像源与守护进程代理（合并进现有 daemon.json）"
        ),
    })
}

#[derive(Serialize)]
struct ClientProxy {
    #[serde(rename = "httpProxy", skip_serializing_if = "Option::is_none")]
    http: Option<String>,
    #[serde(rename = "httpsProxy", skip_serializing_if = "Option::is_none")]
    https: Option<String>,
    #[serde(rename = "noProxy", skip_serializing_if = "Option::is_none")]
    no_proxy: Option<String>,
}

#[derive(Serialize)]
struct ClientProxies {
    default: ClientProxy,
}

#[derive(Serialize)]
struct ClientConfig {
    proxies: ClientProxies,
}

/// The proxy the docker CLI injects into containers and builds.
pub(crate) fn client_config(plan: &Plan, d: &DockerTarget) -> Option<GeneratedFile> {
    if !d.client_proxy {
        return None;
    }
    let p = proxies(plan)?;
    let json = ClientConfig {
        proxies: ClientProxies {
            default: ClientProxy {
                http: p.http,
                https: p.https,
                no_proxy: p.no_proxy,
            },
        },
    };
    Some(GeneratedFile {
        path: "~/.docker/config.json".into(),
        mode: 0o600,
        content: to_json(&json),
        language: Language::Json,
        install: Install::JsonMerge { restart: vec![] },
        about: text!(
            "docker CLI: proxy injected into containers and docker build (your logins are kept)",
            "docker 客户端：注入容器和 docker build 的代理（保留已有登录信息）"
        ),
    })
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
