//! Every UI text in English and Simplified Chinese. A pair per constant, so a
//! missing translation does not compile.

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.0,
            Lang::Zh => self.1,
        }
    }
}

/// A count in a sentence: English singular and plural, Chinese; `{n}` is
/// the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural(pub &'static str, pub &'static str, pub &'static str);

impl Plural {
    pub fn get(self, lang: Lang, n: usize) -> String {
        let t = match lang {
            Lang::En if n == 1 => self.0,
            Lang::En => self.1,
            Lang::Zh => self.2,
        };
        t.replace("{n}", &n.to_string())
    }
}

/// The English or the Chinese of a pair the data gives (catalog and
/// preset names, descriptions, notes).
pub fn pick<'a>(lang: Lang, en: &'a str, zh: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `s` cut to `max` characters with an ellipsis in the middle, so that
/// both the start of a host name and its port stay visible.
pub fn shorten(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max || max < 3 {
        return s.to_string();
    }
    let tail = (max - 1) / 2;
    let head = max - 1 - tail;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(n - tail).collect();
    format!("{start}…{end}")
}

pub const TAGLINE: T = T(
    "Registry mirrors and proxies for containerd, Docker and colima - files that work, checked against what the runtime really does.",
    "为 containerd、Docker 和 colima 生成镜像加速与代理配置——按运行时的真实行为校验，拿来即用。",
);
pub const PRESET: T = T("Start from a preset", "从预设开始");
pub const PRESET_PICK: T = T("Choose a preset…", "选择预设…");
pub const LANGUAGE: T = T("Language", "语言");
pub const THEME: T = T("Theme", "主题");
pub const THEME_AUTO: T = T("System", "跟随系统");
pub const THEME_LIGHT: T = T("Light", "浅色");
pub const THEME_DARK: T = T("Dark", "深色");
pub const DISMISS: T = T("Dismiss", "关闭");

pub const STEP_TARGETS: T = T("1. Targets", "1. 目标");
pub const STEP_REGISTRIES: T = T("2. Registries and mirrors", "2. 镜像仓库与镜像源");
pub const STEP_PROXY: T = T("3. Proxy", "3. 代理");
pub const STEP_NODE: T = T("4. Node settings", "4. 节点设置");

pub const CONTAINERD: T = T("containerd", "containerd");
pub const CONTAINERD_HELP: T = T(
    "Kubernetes nodes (CRI), nerdctl",
    "Kubernetes 节点（CRI）、nerdctl",
);
pub const VERSION: T = T("Version", "版本");
pub const CONFIG_STYLE: T = T("config.toml", "config.toml");
pub const STYLE_MINIMAL: T = T("Minimal (only our keys)", "精简（只含相关配置）");
pub const STYLE_FULL: T = T("Full default config", "完整默认配置");
pub const STYLE_DROP_IN: T = T("conf.d drop-in (2.2+)", "conf.d 配置片段（2.2+）");
pub const CONFIG_PATH: T = T("Hosts directory (config_path)", "hosts 目录（config_path）");
pub const DOCKER: T = T("Docker Engine", "Docker Engine");
pub const DOCKER_HELP: T = T(
    "dockerd: Docker Hub mirrors and daemon proxy",
    "dockerd：Docker Hub 镜像源与守护进程代理",
);
pub const ENGINE: T = T("Engine", "引擎版本");
pub const CLIENT_PROXY: T = T(
    "Proxy for containers and docker build (~/.docker/config.json)",
    "容器与 docker build 的代理（~/.docker/config.json）",
);
pub const COLIMA: T = T("colima", "colima");
pub const COLIMA_HELP: T = T(
    "macOS/Linux VM: writes colima.yaml for your workstation",
    "macOS/Linux 虚拟机：生成本机的 colima.yaml",
);
pub const RUNTIME: T = T("Runtime", "运行时");
pub const COLIMA_PROFILE: T = T("Profile", "配置名");
pub const HOST_ENV: T = T(
    "Login shells (/etc/environment)",
    "登录 shell（/etc/environment）",
);
pub const HOST_ENV_HELP: T = T(
    "apt, curl and tools started from a shell",
    "apt、curl 等从 shell 启动的工具",
);
pub const KUBERNETES: T = T("This node runs Kubernetes", "该节点运行 Kubernetes");
pub const KUBERNETES_HELP: T = T(
    "Enables the checks for cluster NO_PROXY, pause image and cgroups",
    "启用集群 NO_PROXY、pause 镜像与 cgroup 相关检查",
);

pub const CATALOG: T = T("Add a registry", "添加镜像仓库");
pub const CUSTOM_REGISTRY: T = T(
    "Other registry (host[:port] or _default)",
    "其他仓库（host[:port] 或 _default）",
);
pub const ADD: T = T("Add", "添加");
pub const REMOVE: T = T("Remove", "删除");
pub const REGISTRY_HOST: T = T("Registry", "镜像仓库");
pub const NO_REGISTRIES: T = T(
    "No registry yet: pick one above.",
    "尚未添加镜像仓库：请在上方选择。",
);
pub const FALLBACK: T = T(
    "Fall back to the upstream when every mirror fails (off: tags are never resolved there, but content the mirrors lack is still fetched from it)",
    "所有镜像源失败时回退到上游（关闭后：不在上游解析标签，但镜像源缺少的内容仍会从上游下载）",
);
pub const SERVER: T = T("Upstream API endpoint (server)", "上游 API 地址（server）");
pub const SERVER_PLACEHOLDER: T = T("empty: the registry itself", "留空：使用仓库本身");
pub const MIRRORS: T = T("Mirrors, tried in order", "镜像源（按顺序尝试）");
pub const NO_MIRRORS: T = T(
    "No mirror: pulls go to the registry directly.",
    "没有镜像源：拉取会直接访问仓库。",
);
pub const MIRROR_URL: T = T("Mirror URL", "镜像源地址");
pub const MOVE_UP: T = T("Move up", "上移");
pub const MOVE_DOWN: T = T("Move down", "下移");
pub const DRAG: T = T("Drag to reorder", "拖动以调整顺序");
pub const CAPABILITIES: T = T("Capabilities", "能力");
pub const ADVANCED: T = T(
    "Advanced: TLS, headers, path, timeout",
    "高级：TLS、请求头、路径、超时",
);
pub const SKIP_VERIFY: T = T(
    "Skip TLS verification (skip_verify)",
    "跳过 TLS 校验（skip_verify）",
);
pub const OVERRIDE_PATH: T = T(
    "The URL path is the API root (override_path)",
    "URL 路径即 API 根路径（override_path）",
);
pub const DIAL_TIMEOUT: T = T(
    "Connect timeout (dial_timeout, e.g. 3s)",
    "连接超时（dial_timeout，如 3s）",
);
pub const CA_FILES: T = T(
    "CA certificate files, one per line",
    "CA 证书文件，每行一个",
);
pub const CLIENT_CERTS: T = T("Client certificates", "客户端证书");
pub const CERT: T = T("Certificate", "证书");
pub const KEY: T = T(
    "Key (empty if in the certificate file)",
    "私钥（若在证书文件中则留空）",
);
pub const HEADERS: T = T("Extra headers", "额外请求头");
pub const HEADER_NAME: T = T("Name", "名称");
pub const HEADER_VALUE: T = T("Value", "值");
pub const ADD_CLIENT: T = T("Add certificate", "添加证书");
pub const ADD_HEADER: T = T("Add header", "添加请求头");
pub const ADD_MIRROR: T = T("Add a mirror", "添加镜像源");
pub const PROVIDER: T = T("Provider", "提供方");
pub const EVERYWHERE: T = T("Use for every registry it serves", "用于其支持的所有仓库");
pub const N_MIRRORS: Plural = Plural("{n} mirror", "{n} mirrors", "{n} 个镜像源");
pub const N_REGISTRIES: Plural = Plural("{n} registry", "{n} registries", "{n} 个镜像仓库");
pub const COLLAPSE: T = T("Collapse", "收起");
pub const EXPAND: T = T("Expand", "展开");
pub const COLLAPSE_ALL: T = T("Collapse all", "全部收起");
pub const EXPAND_ALL: T = T("Expand all", "全部展开");
pub const DATA_AS_OF: T = T("Provider data as of", "镜像源数据日期");

pub const HTTP_PROXY: T = T(
    "HTTP_PROXY (plain-http registries)",
    "HTTP_PROXY（纯 http 仓库）",
);
pub const HTTPS_PROXY: T = T(
    "HTTPS_PROXY (https registries: nearly all)",
    "HTTPS_PROXY（https 仓库：几乎全部）",
);
pub const SAME_AS_HTTP: T = T("Same as HTTP_PROXY", "与 HTTP_PROXY 相同");
pub const NO_PROXY_PRESETS: T = T("NO_PROXY presets", "NO_PROXY 预设");
pub const NO_PROXY_EXTRA: T = T(
    "More NO_PROXY entries, one per line (domains, IPs, CIDRs, node subnet)",
    "更多 NO_PROXY 条目，每行一个（域名、IP、CIDR、节点网段）",
);
pub const NO_PROXY_PLACEHOLDER: T = T("for example .corp.example", "例如 .corp.example");
pub const MIRRORS_BYPASS: T = T(
    "Add in-network mirrors and registries to NO_PROXY automatically",
    "自动把内网镜像源和镜像仓库加入 NO_PROXY",
);
pub const K3S: T = T(
    "Also for k3s (k3s.service.env, containerd only)",
    "同时用于 k3s（k3s.service.env，仅 containerd）",
);
pub const AUTO_LOOPBACK: T = T(
    "Switched on for you when the proxy was set: traffic to this machine itself must not go through the proxy.",
    "设置代理时已自动开启：访问本机的流量不应经过代理。",
);
pub const NO_PROXY_RESULT: T = T("Resulting NO_PROXY", "最终 NO_PROXY");
pub const PROXY_WHERE: T = T("Written for", "写入位置");

pub const SANDBOX: T = T("Sandbox (pause) image", "沙箱（pause）镜像");
pub const SANDBOX_PLACEHOLDER: T = T(
    "empty: containerd's default",
    "留空：使用 containerd 默认值",
);
pub const SYSTEMD_CGROUP: T = T("runc SystemdCgroup", "runc SystemdCgroup");
pub const LEAVE: T = T("Leave as is", "保持不变");
pub const ON: T = T(
    "true (systemd cgroup driver)",
    "true（systemd cgroup 驱动）",
);
pub const OFF: T = T("false (cgroupfs)", "false（cgroupfs）");

pub const FINDINGS: T = T("Checks", "检查结果");
pub const N_ERRORS: Plural = Plural("{n} error", "{n} errors", "{n} 个错误");
pub const N_WARNINGS: Plural = Plural("{n} warning", "{n} warnings", "{n} 个警告");
pub const N_NOTES: Plural = Plural("{n} note", "{n} notes", "{n} 条提示");
pub const SEV_ERROR: T = T("Error", "错误");
pub const SEV_WARNING: T = T("Warning", "警告");
pub const SEV_INFO: T = T("Note", "提示");
pub const ERRORS_LEFT_OUT: Plural = Plural(
    "{n} error: the value it points at is left out of the files or will not work.",
    "{n} errors: these values are left out of the files or will not work.",
    "{n} 个错误：这些值未写入文件，或写入后无法生效。",
);
pub const SHOW_CHECKS: T = T("Show the checks", "查看检查结果");
pub const SUMMARY: T = T("Summary", "概要");
pub const TO_CHECKS: T = T("Checks ↓", "检查结果 ↓");
pub const TO_FILES: T = T("Files ↓", "文件 ↓");
pub const ALL_GOOD: T = T("No problem found.", "未发现问题。");
/// Between a label and what follows it.
pub const COLON: T = T(": ", "：");
pub const FIX: T = T("Fix: ", "修复：");
pub const GO_TO_FIELD: T = T("Show the field", "定位到字段");

pub const OUTPUT: T = T("Files", "生成的文件");
pub const COPY: T = T("Copy", "复制");
pub const COPIED: T = T("Copied", "已复制");
pub const DOWNLOAD: T = T("Download", "下载");
pub const DOWNLOAD_ALL: T = T("Download everything", "下载全部");
pub const INSTALL: T = T("Install on a node", "在节点上安装");
pub const INSTALL_HELP: T = T(
    "Run install.sh as root: it backs up what it replaces, writes atomically and restarts only what changed. Options: --dry-run, --root DIR, --no-restart.",
    "以 root 运行 install.sh：会先备份、原子写入，只重启有变化的服务。可选参数：--dry-run、--root DIR、--no-restart。",
);
pub const ONE_LINER: T = T(
    "One-line install (paste on the node)",
    "一行安装命令（粘贴到节点执行）",
);
pub const SHOW_ONE_LINER: T = T("Show the command", "显示命令");
/// While the archive worker builds (the first time it also downloads).
pub const PREPARING: T = T("Preparing…", "正在准备…");
pub const ARCHIVE_FAILED: T = T(
    "The archive builder (archive-worker.js and mirrorsmith-archive_bg.wasm, loaded on first use) could not load, so there is no archive and no one-line command. Reload the page and try again; install.sh and every single file still download.",
    "打包组件（archive-worker.js 与 mirrorsmith-archive_bg.wasm，首次使用时加载）加载失败，因此无法生成压缩包和一行安装命令。请刷新页面后重试；install.sh 和每个单独的文件仍可下载。",
);
pub const VERIFY: T = T("Check it works", "验证");
pub const NO_ONE_LINER: T = T(
    "No one-line command: nothing here is installed on a node. colima.yaml is applied by hand on your workstation (steps below).",
    "没有一行安装命令：这里没有需要安装到节点上的文件。colima.yaml 需要在本机手动应用（见下方步骤）。",
);
pub const COLIMA_APPLY: T = T("Apply on your workstation (colima)", "在本机应用（colima）");
pub const FOLLOW_EDITS: T = T("Show the file I am editing", "显示正在编辑的文件");
pub const NOT_FOR_NODE: T = T("Apply by hand on your workstation", "在本机手动应用");
pub const NO_FILES: T = T(
    "Nothing to generate yet: pick a target.",
    "尚无可生成的文件：请选择目标。",
);

pub const SHARE: T = T("Copy link", "复制链接");
pub const SHARE_HELP: T = T(
    "The page address always holds this whole setup.",
    "页面地址始终包含当前全部配置。",
);
pub const INCLUDE_SECRETS: T = T("Include secrets in the link", "链接中包含密钥");
pub const SECRETS_WARNING: T = T(
    "The address now contains passwords or tokens: anyone with the link, your browser history and proxies' logs can read them.",
    "地址中现在包含密码或令牌：任何拿到链接的人、浏览器历史和代理日志都能看到它们。",
);
pub const SECRETS_LEFT_OUT: Plural = Plural(
    "{n} secret is left out of the link and of the session this browser saves.",
    "{n} secrets are left out of the link and of the session this browser saves.",
    "{n} 个密钥未写入链接，也未保存在本浏览器的会话中。",
);
pub const SECRETS_SAVED: T = T(
    "This browser's saved session (localStorage) keeps them too.",
    "本浏览器保存的会话（localStorage）中也会保留它们。",
);
pub const LINK_LENGTH: Plural = Plural("{n} character", "{n} characters", "{n} 个字符");
pub const NOT_COPIED: T = T("Not copied", "未能复制");
pub const COPY_BY_HAND: T = T(
    "The browser did not allow copying. The text is selected below: press Ctrl+C (⌘C on a Mac).",
    "浏览器不允许直接复制。下方文本已选中：请按 Ctrl+C（Mac 上为 ⌘C）。",
);
pub const LINK_COPIED: T = T("Link copied.", "链接已复制。");
pub const UNDO: T = T("Undo", "撤销");
pub const SHOW_REPORT: T = T("Show the report", "查看报告");
pub const RESTORE_LAST: T = T("Restore my last setup", "恢复上次的配置");
pub const RESET: T = T("Start over", "重新开始");

pub const IMPORT: T = T(
    "0. Start from the node's own files (optional)",
    "0. 从节点现有文件开始（可选）",
);
pub const IMPORT_HELP: T = T(
    "Paste or upload /etc/containerd/config.toml (any version, legacy mirrors included) and hosts.toml files. Mirrorsmith reads them into the form, explains the migration, and can patch your file instead of replacing it.",
    "粘贴或上传 /etc/containerd/config.toml（任意版本，包括旧版 mirrors）和 hosts.toml 文件。Mirrorsmith 会把它们读入表单、说明迁移步骤，并可以在原文件上打补丁而不是替换。",
);
pub const IMPORT_CONFIG: T = T("config.toml", "config.toml");
pub const UPLOAD: T = T("Upload a file", "上传文件");
pub const IMPORT_HOSTS: T = T("hosts.toml files", "hosts.toml 文件");
pub const HOSTS_DIR: T = T("Directory (registry)", "目录（镜像仓库）");
pub const HOSTS_TEXT: T = T("hosts.toml", "hosts.toml");
pub const ADD_HOSTS: T = T("Add a hosts.toml", "添加 hosts.toml");
pub const IMPORT_FOR: T = T("For containerd", "用于 containerd");
pub const GUESS: T = T("Guess from the file", "根据文件推测");
pub const RUN_IMPORT: T = T("Import into the form", "导入到表单");
pub const UNDERSTOOD: T = T("Understood", "已理解");
pub const MIGRATION: T = T("Migration", "迁移步骤");
pub const NOT_UNDERSTOOD: T = T("Not part of the profile", "未纳入配置模型");
pub const PATCH_MODE: T = T(
    "Patch my config.toml (keep comments, order and other settings) instead of replacing it",
    "在我的 config.toml 上打补丁（保留注释、顺序和其他设置），而不是替换它",
);
pub const DIFF: T = T("Changes to your config.toml", "对你的 config.toml 的修改");
pub const NO_CHANGES: T = T("No change needed.", "无需修改。");

pub const EXPLAIN: T = T("Where does a pull go?", "拉取会去哪里？");
pub const EXPLAIN_IMAGE: T = T("Image", "镜像");
pub const EXPLAIN_HELP: T = T(
    "The hosts.toml directory containerd picks and every request, in order: which hosts resolve the tag, which serve content, through the proxy or not.",
    "containerd 选中的 hosts.toml 目录以及按顺序发出的每个请求：哪些地址解析标签、哪些提供内容、是否经过代理。",
);
pub const NODE: T = T("node", "节点");
pub const PROXY: T = T("proxy", "代理");
pub const DIRECT: T = T("direct", "直连");
pub const RESOLVE: T = T("Resolve (tag to digest)", "解析（标签到摘要）");
pub const FETCH: T = T(
    "Fetch (each manifest and layer, tried in turn)",
    "下载（每个清单和层，依次尝试）",
);
pub const LOOKUP: T = T("hosts.toml lookup", "hosts.toml 查找");
pub const RESOLVE_SHORT: T = T("resolve", "解析");
pub const FETCH_SHORT: T = T("fetch", "下载");
pub const USED: T = T("used", "使用");
pub const ABSENT: T = T("absent", "不存在");
pub const SKIPPED: T = T("skipped", "跳过");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_follows_the_language() {
        assert_eq!(pick(Lang::En, "Custom URL", "自定义地址"), "Custom URL");
        assert_eq!(pick(Lang::Zh, "Custom URL", "自定义地址"), "自定义地址");
    }

    #[test]
    fn long_names_are_shortened_in_the_middle() {
        let host = "harbor-proxy-cache.shanghai.internal.corp.example.com:8443";
        let short = shorten(host, 33);
        assert_eq!(short.chars().count(), 33);
        assert!(short.starts_with("harbor-proxy-ca") && short.ends_with(".com:8443"));
        assert!(short.contains('…'));
        assert_eq!(shorten("docker.m.daocloud.io", 33), "docker.m.daocloud.io");
    }

    #[test]
    fn plurals_count_in_both_languages() {
        assert_eq!(N_ERRORS.get(Lang::En, 1), "1 error");
        assert_eq!(N_ERRORS.get(Lang::En, 2), "2 errors");
        assert_eq!(N_ERRORS.get(Lang::En, 0), "0 errors");
        assert_eq!(N_WARNINGS.get(Lang::Zh, 1), "1 个警告");
        assert_eq!(
            SECRETS_LEFT_OUT.get(Lang::En, 1),
            "1 secret is left out of the link and of the session this browser saves."
        );
    }
}
