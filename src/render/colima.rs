//! `~/.colima/<profile>/colima.yaml` settings: `env` for the VM, the
//! `docker` daemon.json block, and for the containerd runtime a `provision`
//! script (the only hook that can write certs.d and a containerd drop-in
//! inside the VM; it runs on every start, so it is idempotent).

use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter};

use super::docker::docker_hub_mirrors;
use super::header::Context;
use super::shell::{heredoc, quote};
use super::systemd::escape_environment_assignment;
use super::{hosts_toml, proxy_env, GeneratedFile, Install, Language};
use crate::plan::Plan;
use crate::profile::{ColimaRuntime, ColimaTarget, ContainerdVersion};
use crate::text;

/// How the VM reaches the host (Lima's gateway, 192.168.5.2 by default).
pub const HOST_GATEWAY: &str = "host.lima.internal";

/// containerd in colima's VM is a 2.x release (nerdctl-full bundle).
const VM_CONTAINERD: ContainerdVersion = ContainerdVersion::V2_1;

fn s(v: &str) -> Yaml {
    Yaml::String(v.to_string())
}

fn provision_script(plan: &Plan) -> Option<String> {
    let mut body = String::new();
    for reg in plan
        .registries
        .iter()
        .filter(|r| !(r.host.is_default() && r.mirrors.is_empty()))
    {
        let path = format!("/etc/containerd/certs.d/{}/hosts.toml", reg.name);
        let head = "# Mirrorsmith (colima VM)\n";
        body.push_str(&heredoc(
            &format!("put {}", quote(&path)),
            &hosts_toml::content(reg, VM_CONTAINERD, head),
        ));
    }
    let vars = proxy_env(plan, Some(HOST_GATEWAY));
    if !vars.is_empty() {
        let mut unit =
            String::from("# Mirrorsmith: proxy for containerd in the colima VM\n[Service]\n");
        for (k, v) in &vars {
            unit.push_str(&escape_environment_assignment(k, v));
            unit.push('\n');
        }
        body.push_str(&heredoc(
            "put /etc/systemd/system/containerd.service.d/http-proxy.conf",
            &unit,
        ));
    }
    if body.is_empty() {
        return None;
    }
    Some(format!(
        "#!/bin/sh\n# Mirrorsmith: runs as root on every colima start; rewrites only what changed.\nset -eu\nchanged=0\nput() {{\n  mkdir -p \"$(dirname \"$1\")\"\n  cat >\"$1.mirrorsmith-new\"\n  if cmp -s \"$1.mirrorsmith-new\" \"$1\"; then\n    rm -f \"$1.mirrorsmith-new\"\n  else\n    mv -f \"$1.mirrorsmith-new\" \"$1\"\n    changed=1\n  fi\n}}\n{body}if [ \"$changed\" = 1 ]; then\n  systemctl daemon-reload\n  systemctl restart containerd\nfi\n"
    ))
}

pub(crate) fn render(plan: &Plan, c: &ColimaTarget, ctx: &Context) -> GeneratedFile {
    let mut root = Hash::new();
    let vars = proxy_env(plan, Some(HOST_GATEWAY));
    if !vars.is_empty() {
        let mut env = Hash::new();
        for (k, v) in &vars {
            env.insert(s(k), s(v));
        }
        root.insert(s("env"), Yaml::Hash(env));
    }
    if c.runtime == ColimaRuntime::Docker {
        let (mirrors, insecure) = docker_hub_mirrors(plan);
        if !mirrors.is_empty() {
            let mut docker = Hash::new();
            docker.insert(
                s("registry-mirrors"),
                Yaml::Array(mirrors.iter().map(|m| s(m)).collect()),
            );
            if !insecure.is_empty() {
                docker.insert(
                    s("insecure-registries"),
                    Yaml::Array(insecure.iter().map(|m| s(m)).collect()),
                );
            }
            root.insert(s("docker"), Yaml::Hash(docker));
        }
    } else if let Some(script) = provision_script(plan) {
        let mut step = Hash::new();
        step.insert(s("mode"), s("system"));
        step.insert(s("script"), s(&script));
        root.insert(s("provision"), Yaml::Array(vec![Yaml::Hash(step)]));
    }
    let mut yaml = String::new();
    if !root.is_empty() {
        let mut emitter = YamlEmitter::new(&mut yaml);
        emitter.multiline_strings(true);
        // Emitting into a String cannot fail.
        let _ = emitter.dump(&Yaml::Hash(root));
    }
    let body = yaml.strip_prefix("---\n").unwrap_or(&yaml).to_string();
    let runtime = match c.runtime {
        ColimaRuntime::Docker => "docker",
        ColimaRuntime::Containerd => "containerd",
    };
    let head = ctx.hash_comment(
        &format!("colima (runtime: {runtime})"),
        &[
            "Merge these keys into the file, then: colima stop && colima start",
            "The runtime is fixed when the VM is created; loopback proxies become host.lima.internal.",
        ],
    );
    let content = if body.trim().is_empty() {
        format!("{head}# Nothing to set for this profile.\n")
    } else {
        format!("{head}{}\n", body.trim_end())
    };
    GeneratedFile {
        path: format!("~/.colima/{}/colima.yaml", plan.colima_profile),
        mode: 0o644,
        content,
        language: Language::Yaml,
        install: Install::Manual,
        about: text!(
            "colima settings to merge on your workstation (not for the node)",
            "在本机合并的 colima 配置（不用于节点）"
        ),
    }
}
