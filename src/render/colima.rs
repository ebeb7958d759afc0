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
use super::{example_image, hosts_toml, proxy_env, GeneratedFile, Install, Language};
use crate::i18n::Text;
use crate::plan::{Plan, RegistryPlan};
use crate::profile::{ColimaRuntime, ColimaTarget, ContainerdVersion};
use crate::text;

/// How the VM reaches the host (Lima's gateway, 192.168.5.2 by default).
pub const HOST_GATEWAY: &str = "host.lima.internal";

/// containerd in colima's VM is a 2.x release (nerdctl-full bundle).
const VM_CONTAINERD: ContainerdVersion = ContainerdVersion::V2_1;

fn s(v: &str) -> Yaml {
    Yaml::String(v.to_string())
}

/// The registries the provision script writes a hosts.toml for: all but
/// a `_default` without mirrors.
fn provisioned<'a, 'p>(plan: &'a Plan<'p>) -> impl Iterator<Item = &'a RegistryPlan<'p>> {
    plan.registries
        .iter()
        .filter(|r| !(r.host.is_default() && r.mirrors.is_empty()))
}

/// Where the provision script writes a registry's hosts.toml in the VM.
fn vm_hosts_path(reg: &RegistryPlan) -> String {
    format!("/etc/containerd/certs.d/{}/hosts.toml", reg.name)
}

fn provision_script(plan: &Plan) -> Option<String> {
    let mut body = String::new();
    for reg in provisioned(plan) {
        let path = vm_hosts_path(reg);
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

/// One step of applying or checking by hand: what to do, and the commands
/// (shell-quoted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub text: Text,
    pub commands: Vec<String>,
}

/// colima's own steps: merge colima.yaml on the workstation, restart the
/// VM, check inside it. Empty without colima.
pub fn colima_steps(plan: &Plan) -> Vec<Step> {
    let Some(colima) = &plan.profile.colima else {
        return Vec::new();
    };
    // The plan's profile is a safe name ("default" when it is not), quoted
    // all the same; `~/` stays outside the quotes to be expanded.
    let name = plan.colima_profile.as_str();
    let default = name == "default";
    let path = format!("~/.colima/{name}/colima.yaml");
    let shell_path = format!("~/.colima/{}/colima.yaml", quote(name));
    let flag = if default {
        String::new()
    } else {
        format!(" --profile {}", quote(name))
    };
    let image = quote(&example_image(plan));
    let mut steps = vec![
        Step {
            text: text!(
                "Merge these keys into {path} on your workstation, keeping your other settings (colima start writes the file the first time):",
                "在本机把这些键合并到 {path}，保留你的其他设置（首次 colima start 时会生成该文件）："
            ),
            commands: vec![format!("\"${{EDITOR:-vi}}\" {shell_path}")],
        },
        Step {
            text: text!(
                "Restart the VM: colima applies the file when it starts (the runtime itself is fixed when the VM is created):",
                "重启虚拟机：colima 在启动时应用该文件（运行时在创建虚拟机时就已确定）："
            ),
            commands: vec![format!("colima stop{flag} && colima start{flag}")],
        },
    ];
    match colima.runtime {
        ColimaRuntime::Containerd => {
            let mut commands = Vec::new();
            // A file the provision script writes: a registry with mirrors
            // if there is one.
            let shown = provisioned(plan)
                .find(|r| !r.mirrors.is_empty())
                .or_else(|| provisioned(plan).next());
            if let Some(reg) = shown {
                commands.push(format!(
                    "colima ssh{flag} -- cat {}",
                    quote(&vm_hosts_path(reg))
                ));
            }
            if plan.proxy.is_set() {
                commands.push(format!(
                    "colima ssh{flag} -- systemctl show containerd --property Environment"
                ));
            }
            commands.push(format!("colima ssh{flag} -- sudo nerdctl pull {image}"));
            steps.push(Step {
                text: text!(
                    "Check inside the VM: the hosts files are there and a pull works:",
                    "在虚拟机内检查：hosts 文件已写入，拉取正常："
                ),
                commands,
            });
        }
        ColimaRuntime::Docker => {
            let context = if default {
                String::new()
            } else {
                format!(" --context {}", quote(&format!("colima-{name}")))
            };
            steps.push(Step {
                text: text!(
                    "Check that Docker in the VM lists the registry mirrors and the proxy, then pull:",
                    "检查虚拟机中的 Docker 已列出镜像源与代理，然后拉取："
                ),
                commands: vec![
                    format!("docker{context} info | grep -iA3 -E 'registry mirrors|proxy'"),
                    format!("docker{context} pull {image}"),
                ],
            });
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::presets;
    use crate::profile::{Profile, Registry};
    use crate::render::{render, render_plan};

    fn commands(p: &Profile) -> Vec<String> {
        colima_steps(&Plan::new(p))
            .into_iter()
            .flat_map(|s| s.commands)
            .collect()
    }

    #[test]
    fn colima_gets_its_own_steps() {
        let p = &presets()
            .iter()
            .find(|p| p.preset.id == "seed-colima-proxy")
            .unwrap()
            .profile;
        let tree = render(p, &Default::default());
        assert!(tree.get("install.sh").is_none(), "nothing for a node");
        let steps = colima_steps(&Plan::new(p));
        let all = commands(p);
        assert!(
            all.contains(&"colima stop && colima start".into()),
            "{all:?}"
        );
        assert!(steps[0].text.en.contains("~/.colima/default/colima.yaml"));
        let mut work = p.clone();
        work.colima.as_mut().unwrap().profile = "work".into();
        work.colima.as_mut().unwrap().runtime = ColimaRuntime::Containerd;
        let all = commands(&work);
        assert!(all.contains(&"colima stop --profile work && colima start --profile work".into()));
        assert!(all.contains(
            &"colima ssh --profile work -- cat /etc/containerd/certs.d/docker.io/hosts.toml".into()
        ));
        let mut docker = p.clone();
        docker.colima.as_mut().unwrap().runtime = ColimaRuntime::Docker;
        let steps = colima_steps(&Plan::new(&docker));
        assert!(steps[2].commands[0].starts_with("docker info | grep -iA3"));
        let none = presets()[0].profile.clone();
        assert!(colima_steps(&Plan::new(&none)).is_empty());
    }

    /// The file the steps `cat` is one the provision script writes.
    #[test]
    fn the_file_checked_is_one_the_script_writes() {
        let script_of = |p: &Profile| {
            let plan = Plan::new(p);
            let tree = render_plan(&plan, &Default::default());
            tree.files
                .iter()
                .find(|f| f.path.ends_with("colima.yaml"))
                .map(|f| f.content.clone())
                .unwrap_or_default()
        };
        let mut p = Profile {
            colima: Some(ColimaTarget {
                runtime: ColimaRuntime::Containerd,
                ..Default::default()
            }),
            ..Profile::default()
        };
        for hosts in [
            &["docker.io"][..],
            &["_default"],
            &["_default", "quay.io"],
            &["registry.test:5000", "docker.io"],
        ] {
            p.registries = hosts.iter().map(|h| Registry::new(*h)).collect();
            let script = script_of(&p);
            let cats: Vec<String> = commands(&p)
                .into_iter()
                .filter(|c| c.contains(" -- cat "))
                .collect();
            for c in &cats {
                let path = c.rsplit(' ').next().unwrap().trim_matches('\'');
                assert!(
                    script.contains(&format!("put {path}")),
                    "{hosts:?}: {c}\n{script}"
                );
            }
            assert_eq!(
                cats.len(),
                usize::from(script.contains("put /etc/containerd")),
                "{hosts:?}"
            );
        }
    }

    #[test]
    fn commands_are_shell_quoted() {
        let mut p = presets()
            .iter()
            .find(|p| p.preset.id == "seed-colima-proxy")
            .unwrap()
            .profile
            .clone();
        p.colima.as_mut().unwrap().runtime = ColimaRuntime::Containerd;
        p.registries = vec![Registry::new("registry.test:5000")];
        p.registries[0].mirrors = vec![crate::profile::Mirror::new("https://m.example")];
        let all = commands(&p);
        assert!(all.contains(
            &"colima ssh -- cat /etc/containerd/certs.d/registry.test:5000/hosts.toml".into()
        ));
        // A name that is not safe is reported and not used.
        p.colima.as_mut().unwrap().profile = "a b;rm -rf".into();
        let all = commands(&p);
        assert!(all.iter().all(|c| !c.contains("rm -rf")), "{all:?}");
        assert!(all.contains(&"colima stop && colima start".into()));
    }
}
