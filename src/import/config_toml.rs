//! Reading a user's config.toml: its version, the registry section (legacy
//! `mirrors`, `configs`, `config_path`), the pause image and SystemdCgroup.

use toml_edit::{DocumentMut, Item, TableLike};

use super::{item_at, strings, ImportFinding, Imported};
use crate::catalog::catalog;
use crate::check::Severity;
use crate::i18n::Text;
use crate::plan::{Url, UrlRules};
use crate::profile::{ClientCert, ContainerdTarget, ContainerdVersion, Mirror, Registry};
use crate::render::containerd_config::{keys, CRI_V1, CRI_V2, IMAGES_V3, RUNTIME_V3};
use crate::text;

const LOC: &str = "config.toml";

/// Full key paths of the settings import reads, from the renderer's table.
struct Paths {
    registry: Vec<&'static str>,
    sandbox: Vec<&'static str>,
    runc: Vec<&'static str>,
}

fn paths(version: i64) -> Paths {
    let k = keys(version);
    let mut sandbox = k.sandbox.0.clone();
    sandbox.push(k.sandbox.1);
    let mut runc = k.runc_options.clone();
    runc.push("SystemdCgroup");
    Paths {
        registry: k.registry,
        sandbox,
        runc,
    }
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

/// The release a file most likely comes from, when the user did not say.
fn guess_version(doc: &DocumentMut, file_version: i64) -> ContainerdVersion {
    let text = doc.to_string();
    if file_version >= 3 {
        if text.contains("conf.d/*.toml") || text.contains("pause:3.10.1") {
            ContainerdVersion::V2_2
        } else if text.contains("use_local_image_pull") {
            ContainerdVersion::V2_1
        } else if text.contains("pause:3.10") {
            ContainerdVersion::V2_0
        } else {
            ContainerdVersion::V2_1
        }
    } else if text.contains("sandbox_mode")
        || text.contains("image_pull_progress_timeout")
        || text.contains("pause:3.8")
    {
        ContainerdVersion::V1_7
    } else if text.contains("max_concurrent_downloads") || text.contains("pause:3.6") {
        // A full 1.x dump without the keys 1.7 added.
        ContainerdVersion::V1_6
    } else {
        ContainerdVersion::V1_7
    }
}

pub(super) fn read(
    text: &str,
    hint: Option<ContainerdVersion>,
    out: &mut Imported,
    target: &mut ContainerdTarget,
) {
    let doc = match text.parse::<DocumentMut>() {
        Ok(d) => d,
        Err(e) => {
            let detail = e.to_string();
            out.findings.push(ImportFinding::new(
                "MS601",
                Severity::Error,
                LOC,
                text!("config.toml is not valid TOML: {detail}", "config.toml 不是有效的 TOML：{detail}"),
                text!(
                    "containerd refuses to start with this file; fix the line shown, then import again.",
                    "containerd 无法用此文件启动；请修正所示行后重新导入。"
                ),
            ));
            return;
        }
    };
    let file_version = doc.get("version").and_then(Item::as_integer).unwrap_or(1);
    out.config_version = Some(file_version);
    let version = hint.unwrap_or_else(|| guess_version(&doc, file_version));
    target.version = version;
    let label = version.label();
    out.understood.push(if hint.is_some() {
        text!(
            "config.toml version {file_version}, for containerd {label}",
            "config.toml 版本 {file_version}，用于 containerd {label}"
        )
    } else {
        text!(
            "config.toml version {file_version}; containerd {label} guessed from its contents",
            "config.toml 版本 {file_version}；根据内容推测为 containerd {label}"
        )
    });

    let root = doc.as_table();
    let keys = root
        .get("plugins")
        .and_then(Item::as_table_like)
        .and_then(key_version);
    if let Some(kv) = keys {
        if kv != file_version.clamp(1, 3) {
            let msg = match file_version {
                1 => text!(
                    "No version header, so containerd reads the file as version 1, where the plugin is called \"cri\": the {kv}-style keys are ignored without a word.",
                    "文件没有 version 头，containerd 按版本 1 读取，其中插件名为 \"cri\"：版本 {kv} 写法的配置会被静默忽略。"
                ),
                _ => text!(
                    "The file says version = {file_version} but its CRI keys are written for version {kv}: containerd ignores them without a word.",
                    "文件声明 version = {file_version}，但 CRI 配置是按版本 {kv} 写的：containerd 会静默忽略它们。"
                ),
            };
            out.findings.push(ImportFinding::new(
                "MS602",
                Severity::Error,
                LOC,
                msg,
                text!(
                    "Make the keys match the header (version 2: io.containerd.grpc.v1.cri; version 3: io.containerd.cri.v1.images / .runtime). The generated file does.",
                    "让配置键与版本头一致（版本 2：io.containerd.grpc.v1.cri；版本 3：io.containerd.cri.v1.images / .runtime）。生成的文件已正确处理。"
                ),
            ));
        }
    }
    if file_version >= 3 && version < ContainerdVersion::V2_0 {
        out.findings.push(ImportFinding::new(
            "MS603",
            Severity::Error,
            LOC,
            text!(
                "A version 3 file on containerd {label}: 1.x accepts the header but ignores the v3 CRI section, so config_path and the pause image do not apply.",
                "在 containerd {label} 上使用版本 3 文件：1.x 接受该版本头，但会忽略 v3 的 CRI 配置，config_path 与 pause 镜像都不会生效。"
            ),
            text!("Use a version 2 file for containerd 1.x.", "containerd 1.x 请使用版本 2 的文件。"),
        ));
    } else if file_version == 2 && version >= ContainerdVersion::V2_0 {
        out.findings.push(ImportFinding::new(
            "MS620",
            Severity::Info,
            LOC,
            text!(
                "containerd {label} migrates this version 2 file to version 3 at every start.",
                "containerd {label} 每次启动时都会把这个版本 2 文件迁移为版本 3。"
            ),
            text!(
                "It works; `containerd config migrate` shows the version 3 form.",
                "这可以正常工作；`containerd config migrate` 可查看版本 3 的写法。"
            ),
        ));
    }

    // Read the registry section the keys are written for (what the user
    // meant), even when the header makes containerd ignore it.
    let p = paths(keys.unwrap_or(file_version));
    if let Some(reg) = item_at(root, &p.registry).and_then(Item::as_table_like) {
        read_registry(reg, &p.registry.join("."), out, target);
    }
    if let Some(s) = item_at(root, &p.sandbox).and_then(Item::as_str) {
        if s != version.default_sandbox_image() && !s.is_empty() {
            out.profile.sandbox_image = s.to_string();
            out.understood
                .push(text!("pause image {s}", "pause 镜像 {s}"));
        }
    }
    if let Some(on) = item_at(root, &p.runc).and_then(Item::as_bool) {
        out.profile.systemd_cgroup = Some(on);
        out.understood
            .push(text!("SystemdCgroup = {on}", "SystemdCgroup = {on}"));
    }
    let cri_disabled = root
        .get("disabled_plugins")
        .and_then(strings)
        .is_some_and(|d| {
            d.iter()
                .any(|p| p == "cri" || p == CRI_V2 || p.starts_with("io.containerd.cri."))
        });
    let cri_configured = !out.profile.registries.is_empty()
        || out.profile.systemd_cgroup.is_some()
        || !out.profile.sandbox_image.is_empty()
        || target.config_path != crate::profile::DEFAULT_CONFIG_PATH;
    if cri_configured && !cri_disabled {
        out.profile.kubernetes = true;
        out.understood.push(text!(
            "The CRI plugin is configured: treated as a Kubernetes node",
            "配置了 CRI 插件：按 Kubernetes 节点处理"
        ));
    }
    let others: Vec<String> = root
        .iter()
        .filter(|(k, _)| *k != "version")
        .map(|(k, _)| k.to_string())
        .collect();
    if !others.is_empty() {
        let list = others.join(", ");
        out.not_understood.push(text!(
            "Everything else ({list}) is not part of the profile: a patched file keeps it as it is.",
            "其余内容（{list}）不属于配置模型：打补丁时原样保留。"
        ));
    }
}

/// The upstream endpoints of a registry, which are not mirrors.
fn is_upstream(registry: &str, url: &Url) -> bool {
    let host = url.authority();
    host == registry
        || catalog().registry(registry).is_some_and(|r| {
            r.aliases.contains(&host)
                || Url::parse(&r.upstream, UrlRules::MIRROR).is_ok_and(|u| u.authority() == host)
        })
}

fn read_registry(reg: &dyn TableLike, at: &str, out: &mut Imported, target: &mut ContainerdTarget) {
    let config_path = reg
        .get("config_path")
        .and_then(Item::as_str)
        .unwrap_or("")
        .to_string();
    if !config_path.is_empty() {
        if config_path.contains(':') {
            out.findings.push(ImportFinding::new(
                "MS614",
                Severity::Error,
                format!("{LOC}: {at}.config_path"),
                text!(
                    "config_path = \"{config_path}\" is a list; with the transfer service (CRI default from 2.1) it is read as one path.",
                    "config_path = \"{config_path}\" 是一个列表；启用 transfer service 后（2.1 起 CRI 默认）会被当作一个路径。"
                ),
                text!("Keep one directory: /etc/containerd/certs.d.", "只保留一个目录：/etc/containerd/certs.d。"),
            ));
        } else {
            target.config_path = config_path.clone();
            out.understood.push(text!(
                "config_path = {config_path}",
                "config_path = {config_path}"
            ));
        }
    }
    let mirrors = reg.get("mirrors").and_then(Item::as_table_like);
    let mirror_count = mirrors.map_or(0, |m| m.len());
    if mirror_count > 0 && !config_path.is_empty() {
        out.findings.push(ImportFinding::new(
            "MS605",
            Severity::Error,
            format!("{LOC}: {at}"),
            text!(
                "Both mirrors and config_path are set: the CRI plugin fails to load and the node cannot run pods.",
                "同时设置了 mirrors 和 config_path：CRI 插件加载失败，节点无法运行 Pod。"
            ),
            text!("The patched file keeps config_path and moves mirrors to hosts.toml.", "打补丁后的文件保留 config_path，并把 mirrors 迁移到 hosts.toml。"),
        ));
    }
    for (key, item) in mirrors
        .map(|m| m.iter().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        let location = format!("{LOC}: {at}.mirrors.\"{key}\"");
        if key.contains('/') {
            let (host, path) = key.split_once('/').unwrap_or((key, ""));
            out.findings.push(ImportFinding::new(
                "MS606",
                Severity::Error,
                location,
                text!(
                    "\"{key}\" is not a registry: containerd looks mirrors up by registry host ({host}); images {host}/{path}/... already use the {host} entry, so this one never applies.",
                    "\"{key}\" 不是镜像仓库：containerd 按仓库主机名（{host}）查找镜像源；{host}/{path}/... 的镜像已使用 {host} 的配置，此项永远不会生效。"
                ),
                text!(
                    "Drop it. If a mirror serves only some repositories, give it the full API path with override_path (https://mirror/v2/{path}) under {host} - and pin `nginx` as `docker.io/library/nginx`, which is the same image.",
                    "请删除此项。若某个镜像源只提供部分仓库，请在 {host} 下用完整 API 路径并开启 override_path（https://mirror/v2/{path}）——`nginx` 与 `docker.io/library/nginx` 是同一个镜像。"
                ),
            ));
            continue;
        }
        let host = if key == "*" {
            out.findings.push(ImportFinding::new(
                "MS615",
                Severity::Info,
                location.clone(),
                text!(
                    "The \"*\" wildcard becomes the _default directory.",
                    "通配符 \"*\" 改写为 _default 目录。"
                ),
                text!("Nothing to do.", "无需操作。"),
            ));
            "_default".to_string()
        } else {
            key.to_string()
        };
        let endpoints = item
            .as_table_like()
            .and_then(|t| t.get("endpoint"))
            .and_then(strings)
            .unwrap_or_default();
        let mut registry = Registry::new(host.clone());
        let mut upstream_first = false;
        for (i, e) in endpoints.iter().enumerate() {
            let with_scheme = if e.contains("://") {
                e.clone()
            } else {
                out.findings.push(ImportFinding::new(
                    "MS617",
                    Severity::Info,
                    location.clone(),
                    text!(
                        "Endpoint {e} has no scheme: containerd assumes https.",
                        "端点 {e} 没有协议：containerd 默认使用 https。"
                    ),
                    text!("Written as https://{e}.", "已写成 https://{e}。"),
                ));
                format!("https://{e}")
            };
            match Url::parse(&with_scheme, UrlRules::MIRROR) {
                Ok(u) if is_upstream(&host, &u) => {
                    upstream_first |= i == 0 && endpoints.len() > 1;
                    out.findings.push(ImportFinding::new(
                        "MS619",
                        Severity::Info,
                        location.clone(),
                        text!(
                            "{e} is {host}'s own registry: it stays as the last fallback (server), after the mirrors.",
                            "{e} 是 {host} 本身：它作为最后的回退（server），排在镜像源之后。"
                        ),
                        text!("Nothing to do.", "无需操作。"),
                    ));
                }
                _ => {
                    let provider = catalog()
                        .provider_for_url(&with_scheme)
                        .map(|p| p.id.clone())
                        .unwrap_or_default();
                    registry.mirrors.push(Mirror {
                        url: with_scheme,
                        provider,
                        ..Mirror::default()
                    });
                }
            }
        }
        let n = registry.mirrors.len();
        out.steps.push(if upstream_first {
            text!(
                "Legacy mirrors of {host}: {n} endpoint(s) become certs.d/{host}/hosts.toml in the same order; the upstream, listed first, moves last (every pull used to wait for it).",
                "{host} 的旧版 mirrors：{n} 个端点按原顺序写入 certs.d/{host}/hosts.toml；原本排在最前的上游移到最后（过去每次拉取都要先等它）。"
            )
        } else {
            text!(
                "Legacy mirrors of {host}: {n} endpoint(s) become certs.d/{host}/hosts.toml in the same order.",
                "{host} 的旧版 mirrors：{n} 个端点按原顺序写入 certs.d/{host}/hosts.toml。"
            )
        });
        out.findings.push(ImportFinding::new(
            "MS604",
            Severity::Info,
            location,
            text!(
                "Migrated to hosts.toml ({n} mirror(s)).",
                "已迁移到 hosts.toml（{n} 个镜像源）。"
            ),
            text!(
                "Review the order in the registry list.",
                "请在仓库列表中检查顺序。"
            ),
        ));
        out.profile.registries.push(registry);
    }
    if let Some(configs) = reg.get("configs").and_then(Item::as_table_like) {
        for (host, item) in configs.iter() {
            let Some(t) = item.as_table_like() else {
                continue;
            };
            if let Some(tls) = t.get("tls").and_then(Item::as_table_like) {
                migrate_tls(host, tls, out);
            }
            if t.get("auth")
                .and_then(Item::as_table_like)
                .is_some_and(|a| !a.is_empty())
            {
                out.findings.push(ImportFinding::new(
                    "MS607",
                    Severity::Warning,
                    format!("{LOC}: {at}.configs.\"{host}\".auth"),
                    text!(
                        "Credentials for {host} cannot move to hosts.toml, which has none: they stay in config.toml (deprecated, still read by 1.x and 2.x).",
                        "{host} 的凭据无法迁移到 hosts.toml（它不支持凭据）：保留在 config.toml 中（已弃用，1.x 与 2.x 仍会读取）。"
                    ),
                    text!(
                        "Keep the patched config.toml, or give Kubernetes an imagePullSecret instead.",
                        "请使用打补丁后的 config.toml，或改用 Kubernetes 的 imagePullSecret。"
                    ),
                ));
            }
        }
    }
    if reg
        .get("headers")
        .and_then(Item::as_table_like)
        .is_some_and(|h| !h.is_empty())
    {
        out.findings.push(ImportFinding::new(
            "MS616",
            Severity::Warning,
            format!("{LOC}: {at}.headers"),
            text!(
                "registry.headers applies to every registry; hosts.toml sets headers per host.",
                "registry.headers 对所有仓库生效；hosts.toml 只能按主机设置请求头。"
            ),
            text!(
                "Add the headers to the mirrors that need them (advanced).",
                "请在需要的镜像源上添加请求头（高级选项）。"
            ),
        ));
    }
    for (key, _) in reg.iter() {
        if !["config_path", "mirrors", "configs", "headers", "auths"].contains(&key) {
            out.findings.push(ImportFinding::new(
                "MS612",
                Severity::Warning,
                format!("{LOC}: {at}.{key}"),
                text!(
                    "Unknown key {key}: containerd ignores it without a word.",
                    "未知配置项 {key}：containerd 会静默忽略。"
                ),
                text!(
                    "Check the spelling; see `containerd config dump`.",
                    "请检查拼写；可用 `containerd config dump` 查看实际生效的配置。"
                ),
            ));
        }
    }
}

/// `configs."host".tls` -> the TLS fields of that host in hosts.toml.
fn migrate_tls(host: &str, tls: &dyn TableLike, out: &mut Imported) {
    let skip = tls
        .get("insecure_skip_verify")
        .and_then(Item::as_bool)
        .unwrap_or(false);
    let ca = tls
        .get("ca_file")
        .and_then(Item::as_str)
        .filter(|s| !s.is_empty());
    let cert = tls
        .get("cert_file")
        .and_then(Item::as_str)
        .filter(|s| !s.is_empty());
    let key = tls.get("key_file").and_then(Item::as_str).unwrap_or("");
    if !skip && ca.is_none() && cert.is_none() {
        return;
    }
    let apply = |m: &mut Mirror| {
        m.skip_verify |= skip;
        if let Some(ca) = ca {
            m.ca.push(ca.to_string());
        }
        if let Some(cert) = cert {
            m.client.push(ClientCert {
                cert: cert.to_string(),
                key: key.to_string(),
            });
        }
    };
    let mut applied = false;
    for r in &mut out.profile.registries {
        for m in &mut r.mirrors {
            if Url::parse(&m.url, UrlRules::MIRROR).is_ok_and(|u| u.authority() == host) {
                apply(m);
                applied = true;
            }
        }
    }
    if !applied {
        // TLS for the registry itself: a host table for it carries the fields.
        let mut m = Mirror::new(format!("https://{host}"));
        apply(&mut m);
        match out.profile.registries.iter_mut().find(|r| r.host == host) {
            Some(r) => r.mirrors.push(m),
            None => {
                let mut r = Registry::new(host);
                r.mirrors.push(m);
                out.profile.registries.push(r);
            }
        }
    }
    out.steps.push(text!(
        "TLS settings of {host} move to its host table in hosts.toml.",
        "{host} 的 TLS 设置移到 hosts.toml 中对应的主机表。"
    ));
    out.findings.push(ImportFinding::new(
        "MS608",
        Severity::Info,
        format!("{LOC}: configs.\"{host}\".tls"),
        text!(
            "TLS settings of {host} migrated to hosts.toml.",
            "{host} 的 TLS 设置已迁移到 hosts.toml。"
        ),
        Text::new(
            "configs.tls cannot stay beside config_path.",
            "configs.tls 不能与 config_path 同时存在。",
        ),
    ));
}
