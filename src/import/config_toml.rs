//! Reading a user's config.toml: its version, the registry section (legacy
//! `mirrors`, `configs`, `config_path`), the pause image and SystemdCgroup.

use toml_edit::{DocumentMut, Item, TableLike};

use super::version::{FileVersion, Header};
use super::{
    endpoint, key_path, string_array, with_scheme, Effect, Endpoint, ImportFinding, Imported, Kind,
};
use crate::catalog::catalog;
use crate::check::Severity;
use crate::i18n::Text;
use crate::plan::{Url, UrlRules};
use crate::profile::{ClientCert, ContainerdTarget, ContainerdVersion, Mirror, Registry};
use crate::render::containerd_config::{keys, CRI_V1, CRI_V2};
use crate::text;

const LOC: &str = "config.toml";

/// Full key paths of the settings import reads, from the renderer's table.
struct Paths {
    sandbox: Vec<&'static str>,
    runc: Vec<&'static str>,
}

fn paths(version: i64) -> Paths {
    let k = keys(version);
    let mut sandbox = k.sandbox.0.clone();
    sandbox.push(k.sandbox.1);
    let mut runc = k.runc_options.clone();
    runc.push("SystemdCgroup");
    Paths { sandbox, runc }
}

/// containerd 2.2.0-2.2.1's own `config_path` in `containerd config default`.
pub(super) const DEFAULT_LIST_2_2: &str = "/etc/containerd/certs.d:/etc/docker/certs.d";

/// Whether `item` has the type containerd expects (it fails to start on
/// any other).
fn has_kind(item: &Item, kind: Kind) -> bool {
    match kind {
        Kind::Int => item.as_integer().is_some(),
        Kind::Str => item.as_str().is_some(),
        Kind::Bool => item.as_bool().is_some(),
        Kind::Table => item.as_table_like().is_some(),
        Kind::StrArray => string_array(item).is_some(),
        _ => false,
    }
}

/// MS611 at `path`: a key containerd cannot decode. The value is not used.
fn wrong_type(out: &mut Imported, path: &[&str], item: &Item, kind: Kind) {
    wrong_type_with(out, path, item, kind, None);
}

fn wrong_type_with(out: &mut Imported, path: &[&str], item: &Item, kind: Kind, fix: Option<Text>) {
    let at = key_path(path);
    let name = key_path(&path[path.len().saturating_sub(1)..]);
    super::wrong_type(
        out,
        format!("{LOC}: {at}"),
        &name,
        item,
        kind,
        Effect::FailsToStart,
        fix,
    );
}

/// The item at `at` + `rel` (walked from `t`, which is at `at`) if it has
/// the type containerd expects. A wrong type on the way or at the end is
/// reported and gives None: containerd would not start, so it is not data.
fn typed<'a>(
    t: &'a dyn TableLike,
    at: &[&str],
    rel: &[&str],
    kind: Kind,
    out: &mut Imported,
) -> Option<&'a Item> {
    let full = |n: usize| -> Vec<&str> { at.iter().chain(&rel[..n]).copied().collect() };
    let (last, parents) = rel.split_last()?;
    let mut t = t;
    for (i, k) in parents.iter().enumerate() {
        let item = t.get(k)?;
        match item.as_table_like() {
            Some(next) => t = next,
            None => {
                wrong_type(out, &full(i + 1), item, Kind::Table);
                return None;
            }
        }
    }
    let item = t.get(last)?;
    if has_kind(item, kind) {
        Some(item)
    } else {
        wrong_type(out, &full(rel.len()), item, kind);
        None
    }
}

/// `at` + `rest` as one path.
fn join<'a>(at: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
    at.iter().chain(rest).copied().collect()
}

/// The release a file most likely comes from, when the user did not say.
/// `config_version` is the higher of the `version` line and the version
/// the CRI keys are written for: version 3 keys and the `version = 3` line
/// both exist only on 2.x, so either says 2.x (a 2.x user may forget the
/// line, or leave `version = 2` above keys `containerd config default` wrote).
fn guess_version(text: &str, config_version: i64) -> ContainerdVersion {
    if config_version >= 3 {
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
    let root = doc.as_table();
    let fv = FileVersion::of(&doc);
    let file_version = fv.read_as();
    out.config_version = Some(file_version);
    let version = hint.unwrap_or_else(|| guess_version(text, fv.meant().max(file_version)));
    target.version = version;
    let label = version.label();
    let patched_as = fv.patch_version(version);
    if let (Header::Invalid { meant }, Some(item)) = (&fv.header, root.get("version")) {
        let fix = match meant {
            Some(n) => text!(
                "Write version = {n}, a number; the patched file does.",
                "请写成数字 version = {n}；打补丁后的文件已改正。"
            ),
            None => text!(
                "Write version = 2 (containerd 1.x) or version = 3 (2.x); the patched file says version = {patched_as}.",
                "请写成 version = 2（containerd 1.x）或 version = 3（2.x）；打补丁后的文件写为 version = {patched_as}。"
            ),
        };
        wrong_type_with(out, &["version"], item, Kind::Int, Some(fix));
    }
    if let Header::Int(n) = fv.header {
        if !(1..=3).contains(&n) {
            out.findings.push(ImportFinding::new(
                "MS624",
                Severity::Error,
                format!("{LOC}: version"),
                text!(
                    "version = {n} is no config version containerd reads (1, 2 and 3 exist): it does not start with this file.",
                    "version = {n} 不是 containerd 能读取的配置版本（只有 1、2、3）：用此文件 containerd 无法启动。"
                ),
                text!(
                    "Write version = 2 (containerd 1.x) or version = 3 (2.x). Mirrorsmith cannot patch the file until then.",
                    "请写成 version = 2（containerd 1.x）或 version = 3（2.x）。在此之前 Mirrorsmith 无法给该文件打补丁。"
                ),
            ));
        }
    }
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

    // The registry tables import reads and patch migrates, and the legacy
    // mirrors of other tables, which stay where they are.
    let read_versions = fv.registry_versions(version);
    let stray: Vec<String> = (1..=3)
        .filter(|v| !read_versions.contains(v))
        .map(|v| keys(v).registry)
        .filter(|reg| {
            let mut item = Some(doc.as_item());
            for k in reg {
                item = item.and_then(|i| i.get(k));
            }
            item.and_then(|r| r.get("mirrors"))
                .and_then(Item::as_table_like)
                .is_some_and(|m| !m.is_empty())
        })
        .map(|reg| key_path(&join(&reg, &["mirrors"])))
        .collect();
    let stray_list = stray.join(", ");
    let stray_fix = if stray.is_empty() {
        text!("", "")
    } else if matches!(fv.header, Header::Missing) && patched_as >= 2 {
        text!(
            " The legacy mirrors under {stray_list}, which containerd reads now, are not imported: with the version line it ignores them, so move what you need from them yourself (the patched file leaves them as they are).",
            " {stray_list} 下的旧版 mirrors 目前正被 containerd 读取，但不会被导入：加上 version 行后 containerd 会忽略它们，请自行迁移需要的部分（打补丁后的文件原样保留它们）。"
        )
    } else {
        text!(
            " The legacy mirrors under {stray_list} are not imported and stay as they are (containerd ignores them).",
            " {stray_list} 下的旧版 mirrors 不会被导入，原样保留（containerd 会忽略它们）。"
        )
    };
    if !stray.is_empty() {
        out.not_understood.push(text!(
            "Legacy mirrors under {stray_list}: written for another config version than the file's keys, so not read; a patched file keeps them as they are.",
            "{stray_list} 下的旧版 mirrors：按与文件配置键不同的版本编写，未读取；打补丁时原样保留。"
        ));
    }
    let read_list = read_versions
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(" and ");

    if let (Some(kv), false) = (fv.keys, matches!(fv.header, Header::Invalid { .. })) {
        if kv != file_version.clamp(1, 3) {
            let msg = match fv.header {
                Header::Missing => text!(
                    "No version line, so containerd reads the file as version 1, where the plugin is called \"cri\": the version {kv} keys are ignored without a word.",
                    "文件没有 version 行，containerd 按版本 1 读取，其中插件名为 \"cri\"：按版本 {kv} 写的配置会被静默忽略。"
                ),
                _ => text!(
                    "The file says version = {file_version} but its CRI keys are written for version {kv}: containerd ignores them without a word.",
                    "文件声明 version = {file_version}，但 CRI 配置是按版本 {kv} 写的：containerd 会静默忽略它们。"
                ),
            };
            let fix = if matches!(fv.header, Header::Missing) && patched_as == kv {
                text!(
                    "Add version = {kv} at the top: then containerd reads these keys. The patched file does, and writes config_path beside them.",
                    "在文件开头加上 version = {kv}，containerd 才会读取这些配置。打补丁后的文件已加上，并把 config_path 写在它们旁边。"
                )
            } else {
                text!(
                    "Make the keys match the version line (version 2: io.containerd.grpc.v1.cri; version 3: io.containerd.cri.v1.images / .runtime). The patched file writes config_path for version {patched_as} and moves the legacy mirrors of the version {read_list} registry tables to hosts.toml; move your other version {kv} settings yourself.",
                    "让配置键与 version 行一致（版本 2：io.containerd.grpc.v1.cri；版本 3：io.containerd.cri.v1.images / .runtime）。打补丁后的文件按版本 {patched_as} 写入 config_path，并把版本 {read_list} 的 registry 表中的旧版 mirrors 迁移到 hosts.toml；其余按版本 {kv} 写的设置需要你自己迁移。"
                )
            };
            let fix = Text::new(
                format!("{}{}", fix.en, stray_fix.en),
                format!("{}{}", fix.zh, stray_fix.zh),
            );
            out.findings
                .push(ImportFinding::new("MS602", Severity::Error, LOC, msg, fix));
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
    // meant), even when the header makes containerd ignore it, and the one
    // the patched file writes config_path into: patch migrates both.
    for v in &read_versions {
        let reg_at = keys(*v).registry;
        if let Some(reg) = typed(root, &[], &reg_at, Kind::Table, out).and_then(Item::as_table_like)
        {
            read_registry(reg, &reg_at, out, target);
        }
    }
    let p = paths(fv.meant());
    if let Some(s) = typed(root, &[], &p.sandbox, Kind::Str, out).and_then(Item::as_str) {
        if s != version.default_sandbox_image() && !s.is_empty() {
            out.profile.sandbox_image = s.to_string();
            out.understood
                .push(text!("pause image {s}", "pause 镜像 {s}"));
        }
    }
    match typed(root, &[], &p.runc, Kind::Bool, out).and_then(Item::as_bool) {
        Some(true) => {
            out.profile.systemd_cgroup = Some(true);
            out.understood
                .push(text!("SystemdCgroup = true", "SystemdCgroup = true"));
        }
        // Every `containerd config default` prints false: not a choice.
        Some(false) => out.understood.push(text!(
            "SystemdCgroup = false, containerd's default: left as it is",
            "SystemdCgroup = false，即 containerd 的默认值：保持不变"
        )),
        None => {}
    }
    let cri_disabled = typed(root, &[], &["disabled_plugins"], Kind::StrArray, out)
        .and_then(string_array)
        .is_some_and(|d| {
            d.iter()
                .any(|p| p == CRI_V1 || p == CRI_V2 || p.starts_with("io.containerd.cri."))
        });
    let cri_configured = !out.profile.registries.is_empty()
        || out.profile.systemd_cgroup == Some(true)
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

fn read_registry(
    reg: &dyn TableLike,
    at: &[&str],
    out: &mut Imported,
    target: &mut ContainerdTarget,
) {
    let config_path = typed(reg, at, &["config_path"], Kind::Str, out)
        .and_then(Item::as_str)
        .unwrap_or("")
        .to_string();
    let config_path_at = key_path(&join(at, &["config_path"]));
    if config_path == DEFAULT_LIST_2_2 {
        out.findings.push(ImportFinding::new(
            "MS623",
            Severity::Warning,
            format!("{LOC}: {config_path_at}"),
            text!(
                "config_path = \"{config_path}\" is containerd 2.2's own default, not a mistake of yours. But with the transfer service (how CRI pulls from 2.1 on) the list is read as one directory that does not exist, so no hosts.toml applies (containerd#12415).",
                "config_path = \"{config_path}\" 是 containerd 2.2 自带的默认值，不是你的错误。但启用 transfer service 后（2.1 起 CRI 默认用它拉取），这个列表会被当作一个并不存在的目录，任何 hosts.toml 都不会生效（containerd#12415）。"
            ),
            text!(
                "Mirrorsmith writes one directory, /etc/containerd/certs.d; move any hosts.toml from /etc/docker/certs.d there.",
                "Mirrorsmith 只写一个目录 /etc/containerd/certs.d；如 /etc/docker/certs.d 中有 hosts.toml，请移到该目录。"
            ),
        ));
    } else if config_path.contains(':') {
        out.findings.push(ImportFinding::new(
            "MS614",
            Severity::Error,
            format!("{LOC}: {config_path_at}"),
            text!(
                "config_path = \"{config_path}\" is a list; with the transfer service (CRI default from 2.1) it is read as one path.",
                "config_path = \"{config_path}\" 是一个列表；启用 transfer service 后（2.1 起 CRI 默认）会被当作一个路径。"
            ),
            text!("Keep one directory: /etc/containerd/certs.d.", "只保留一个目录：/etc/containerd/certs.d。"),
        ));
    } else if !config_path.is_empty() {
        target.config_path = config_path.clone();
        out.understood.push(text!(
            "config_path = {config_path}",
            "config_path = {config_path}"
        ));
    }
    let mirrors = typed(reg, at, &["mirrors"], Kind::Table, out).and_then(Item::as_table_like);
    let mirror_count = mirrors.map_or(0, |m| m.len());
    if mirror_count > 0 && !config_path.is_empty() {
        let here = key_path(at);
        out.findings.push(ImportFinding::new(
            "MS605",
            Severity::Error,
            format!("{LOC}: {here}"),
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
        read_mirror(key, item, &join(at, &["mirrors", key]), out);
    }
    if let Some(configs) =
        typed(reg, at, &["configs"], Kind::Table, out).and_then(Item::as_table_like)
    {
        for (host, item) in configs.iter() {
            let hat = join(at, &["configs", host]);
            let Some(t) = item.as_table_like() else {
                wrong_type(out, &hat, item, Kind::Table);
                continue;
            };
            if let Some(tls) =
                typed(t, &hat, &["tls"], Kind::Table, out).and_then(Item::as_table_like)
            {
                migrate_tls(host, tls, &join(&hat, &["tls"]), out);
            }
            let auth_at = join(&hat, &["auth"]);
            if let Some(auth) =
                typed(t, &hat, &["auth"], Kind::Table, out).and_then(Item::as_table_like)
            {
                for k in ["username", "password", "auth", "identitytoken"] {
                    typed(auth, &auth_at, &[k], Kind::Str, out);
                }
                if !auth.is_empty() {
                    auth_stays(host, &auth_at, out);
                }
            }
        }
    }
    // `registry.auths` (deprecated before `configs`): also credentials.
    if let Some(auths) = typed(reg, at, &["auths"], Kind::Table, out).and_then(Item::as_table_like)
    {
        for (host, item) in auths.iter() {
            let here = join(at, &["auths", host]);
            match item.as_table_like() {
                Some(a) if !a.is_empty() => auth_stays(host, &here, out),
                Some(_) => {}
                None => wrong_type(out, &here, item, Kind::Table),
            }
        }
    }
    if let Some(headers) =
        typed(reg, at, &["headers"], Kind::Table, out).and_then(Item::as_table_like)
    {
        let hat = join(at, &["headers"]);
        for (name, _) in headers.iter() {
            typed(headers, &hat, &[name], Kind::StrArray, out);
        }
        if !headers.is_empty() {
            let here = key_path(&hat);
            out.findings.push(ImportFinding::new(
                "MS616",
                Severity::Warning,
                format!("{LOC}: {here}"),
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
    }
    for (key, _) in reg.iter() {
        if !["config_path", "mirrors", "configs", "headers", "auths"].contains(&key) {
            let here = key_path(&join(at, &[key]));
            out.findings.push(ImportFinding::new(
                "MS612",
                Severity::Warning,
                format!("{LOC}: {here}"),
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

/// MS607: credentials have no place in hosts.toml.
fn auth_stays(host: &str, at: &[&str], out: &mut Imported) {
    let here = key_path(at);
    out.findings.push(ImportFinding::new(
        "MS607",
        Severity::Warning,
        format!("{LOC}: {here}"),
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

/// One legacy `mirrors."<key>"` entry -> a registry with its mirrors in order.
fn read_mirror(key: &str, item: &Item, at: &[&str], out: &mut Imported) {
    let location = format!("{LOC}: {}", key_path(at));
    if key.contains('/') {
        let (host, path) = key.split_once('/').unwrap_or((key, ""));
        out.findings.push(ImportFinding::new(
            "MS606",
            Severity::Error,
            location,
            text!(
                "\"{key}\" is not a registry host, so this entry is never used: containerd looks up the registry host of an image ({host}) only. Images {host}/{path}/<name> already go through the {host} entry, whose mirrors are asked for /v2/{path}/<name>.",
                "\"{key}\" 不是仓库主机名，所以此项永远不会生效：containerd 只按镜像的仓库主机名（{host}）查找。{host}/{path}/<name> 的镜像已经走 {host} 的配置，会向其镜像源请求 /v2/{path}/<name>。"
            ),
            text!(
                "Delete it; the {host} entry already serves these images. If its mirror lacks some of them or fails on layers (atomhub, for one, serves a subset and its blobs may answer 502), add a second mirror under {host} or keep the upstream fallback: a path-specific entry cannot help.",
                "请删除此项；{host} 的配置已经覆盖这些镜像。若其镜像源缺少部分镜像或下载层时出错（例如 atomhub 只提供部分镜像，其 blob 可能返回 502），请在 {host} 下再加一个镜像源，或保留回退到上游：按路径的配置无济于事。"
            ),
        ));
        return;
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
    let Some(t) = item.as_table_like() else {
        wrong_type(out, at, item, Kind::Table);
        return;
    };
    let endpoints = match t.get("endpoint") {
        None => Vec::new(),
        Some(_) => match typed(t, at, &["endpoint"], Kind::StrArray, out).and_then(string_array) {
            Some(e) => e,
            // containerd would not start: nothing of this entry is data.
            None => return,
        },
    };
    let mut registry = Registry::new(host.clone());
    // How many mirrors came before the registry itself, if it was listed.
    let mut upstream_after: Option<usize> = None;
    for e in &endpoints {
        let with_scheme = with_scheme(e, ("Endpoint", "端点"), &location, out);
        let itself = Url::parse(&with_scheme, UrlRules::MIRROR).map(|u| endpoint(&host, &u));
        match itself {
            Ok(kind) if kind != Endpoint::Mirror => {
                upstream_after.get_or_insert(registry.mirrors.len());
                let (own_server, assumed) = match kind {
                    Endpoint::Server { url, assumed } => (Some(url), assumed),
                    _ => (None, String::new()),
                };
                let (msg, fix) = match own_server {
                    Some(server) if registry.server.is_empty() || registry.server == server => {
                        registry.server = server.clone();
                        (
                            text!(
                                "{e} is {host} itself: it becomes the upstream, server = \"{server}\", tried after the mirrors (without it, {assumed} would be used).",
                                "{e} 就是 {host} 本身：它成为上游 server = \"{server}\"，排在镜像源之后（否则会使用 {assumed}）。"
                            ),
                            text!("Nothing to do.", "无需操作。"),
                        )
                    }
                    Some(other) => {
                        let server = registry.server.clone();
                        (
                            text!(
                                "{e} is {host} itself, listed again: only the first one, server = \"{server}\", is kept.",
                                "{e} 也是 {host} 本身（重复列出）：只保留第一个 server = \"{server}\"。"
                            ),
                            text!(
                                "If {other} is the right address, set it as the registry's server.",
                                "如果 {other} 才是正确地址，请把它设为该仓库的 server。"
                            ),
                        )
                    }
                    None => (
                        text!(
                            "{e} is {host} itself: containerd adds the registry as the last host on its own, so hosts.toml needs no entry (and no server line) for it.",
                            "{e} 就是 {host} 本身：containerd 会自动把仓库本身作为最后一个地址，hosts.toml 无需为它写条目（也无需 server 行）。"
                        ),
                        text!("Nothing to do.", "无需操作。"),
                    ),
                };
                out.findings.push(ImportFinding::new(
                    "MS619",
                    Severity::Info,
                    location.clone(),
                    msg,
                    fix,
                ));
            }
            _ => {
                // An unparsable URL is kept: the profile checks report it.
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
    let moved = upstream_after.map_or(0, |before| n - before);
    if moved > 0 {
        out.findings.push(ImportFinding::new(
            "MS622",
            Severity::Warning,
            location.clone(),
            text!(
                "The registry itself was listed before {moved} mirror(s): legacy CRI asked it first, so every pull waited for it (behind a firewall, until it timed out). In hosts.toml the mirrors come first and the registry last.",
                "仓库本身排在 {moved} 个镜像源之前：旧版 CRI 会先请求它，每次拉取都要等它（在防火墙后要等到超时）。在 hosts.toml 中镜像源在前，仓库本身在最后。"
            ),
            text!(
                "Usually what you want. To keep the old order, add the registry as the first mirror (check MS307 then reminds you of the wait).",
                "通常这正是你想要的。若要保留原顺序，请把仓库本身加为第一个镜像源（检查 MS307 会提醒你等待的问题）。"
            ),
        ));
    }
    let server = registry.server.clone();
    out.steps.push(match (n, moved > 0, server.is_empty()) {
        (0, _, false) => text!(
            "Legacy mirrors of {host}: the only endpoint is the registry itself; certs.d/{host}/hosts.toml names it as server = \"{server}\".",
            "{host} 的旧版 mirrors：唯一的端点就是仓库本身；certs.d/{host}/hosts.toml 把它写为 server = \"{server}\"。"
        ),
        (0, _, true) => text!(
            "Legacy mirrors of {host}: no mirror; certs.d/{host}/hosts.toml lists only the registry itself.",
            "{host} 的旧版 mirrors：没有镜像源；certs.d/{host}/hosts.toml 只列出仓库本身。"
        ),
        (_, true, _) => text!(
            "Legacy mirrors of {host}: {n} mirror(s) become certs.d/{host}/hosts.toml in their order; the registry itself, listed before them, now comes last.",
            "{host} 的旧版 mirrors：{n} 个镜像源按原顺序写入 certs.d/{host}/hosts.toml；原本排在它们之前的仓库本身改为最后。"
        ),
        (_, false, _) => text!(
            "Legacy mirrors of {host}: {n} mirror(s) become certs.d/{host}/hosts.toml in the same order, then the registry itself.",
            "{host} 的旧版 mirrors：{n} 个镜像源按原顺序写入 certs.d/{host}/hosts.toml，最后是仓库本身。"
        ),
    });
    out.findings.push(ImportFinding::new(
        "MS604",
        Severity::Info,
        location,
        if n == 0 {
            text!(
                "Migrated to hosts.toml (no mirror, the registry itself only).",
                "已迁移到 hosts.toml（没有镜像源，只有仓库本身）。"
            )
        } else {
            text!(
                "Migrated to hosts.toml ({n} mirror(s)).",
                "已迁移到 hosts.toml（{n} 个镜像源）。"
            )
        },
        text!(
            "Review the order in the registry list.",
            "请在仓库列表中检查顺序。"
        ),
    ));
    // The same registry in a second table (see read): the one of the table
    // the patched file is written for, read last, wins.
    match out.profile.registries.iter_mut().find(|r| r.host == host) {
        Some(first) => *first = registry,
        None => out.profile.registries.push(registry),
    }
}

/// `configs."host".tls` -> the TLS fields of that host in hosts.toml.
fn migrate_tls(host: &str, tls: &dyn TableLike, at: &[&str], out: &mut Imported) {
    let skip = typed(tls, at, &["insecure_skip_verify"], Kind::Bool, out)
        .and_then(Item::as_bool)
        .unwrap_or(false);
    let mut file = |key: &str| {
        typed(tls, at, &[key], Kind::Str, out)
            .and_then(Item::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let ca = file("ca_file");
    let cert = file("cert_file");
    let key = file("key_file").unwrap_or_default();
    if !skip && ca.is_none() && cert.is_none() {
        return;
    }
    let here = key_path(at);
    let apply = |m: &mut Mirror| {
        m.skip_verify |= skip;
        if let Some(ca) = &ca {
            m.ca.push(ca.clone());
        }
        if let Some(cert) = &cert {
            m.client.push(ClientCert {
                cert: cert.clone(),
                key: key.clone(),
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
    // The registry itself over plain http: TLS settings never applied.
    let plain_http = out.profile.registries.iter().any(|r| {
        r.host == host
            && Url::parse(&r.server, UrlRules::MIRROR)
                .is_ok_and(|u| u.is_http() && u.authority() == host)
    });
    if !applied && plain_http {
        out.findings.push(ImportFinding::new(
            "MS608",
            Severity::Info,
            format!("{LOC}: {here}"),
            text!(
                "TLS settings of {host} are not needed: it is reached over plain http.",
                "{host} 的 TLS 设置不需要：它通过纯 http 访问。"
            ),
            text!(
                "Nothing to do; they are left out of hosts.toml.",
                "无需操作；它们不会写入 hosts.toml。"
            ),
        ));
        return;
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
        format!("{LOC}: {here}"),
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
