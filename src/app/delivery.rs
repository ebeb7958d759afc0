//! Getting the files where they go, as the page explains it: colima's own
//! apply and verify steps, and download names that do not collide. Plain
//! Rust, tested natively.

use crate::catalog::catalog;
use crate::i18n::Text;
use crate::plan::RegistryHost;
use crate::profile::{ColimaRuntime, Profile};
use crate::render::FileTree;
use crate::text;

/// One step of applying or checking: what to do, and the commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub text: Text,
    pub commands: Vec<String>,
}

/// colima's own steps when the tree holds a colima.yaml: merge it on the
/// workstation, restart the VM, check inside it. Empty without colima.
pub fn colima_steps(profile: &Profile, tree: &FileTree) -> Vec<Step> {
    let (Some(colima), Some(file)) = (
        &profile.colima,
        tree.files
            .iter()
            .find(|f| f.path.starts_with("~/.colima/") && f.path.ends_with("/colima.yaml")),
    ) else {
        return Vec::new();
    };
    let path = file.path.as_str();
    let name = path
        .trim_start_matches("~/.colima/")
        .trim_end_matches("/colima.yaml");
    let flag = if name == "default" {
        String::new()
    } else {
        format!(" --profile {name}")
    };
    let mut steps = vec![
        Step {
            text: text!(
                "Merge these keys into {path} on your workstation, keeping your other settings (colima start writes the file the first time):",
                "在本机把这些键合并到 {path}，保留你的其他设置（首次 colima start 时会生成该文件）："
            ),
            commands: vec![format!("\"${{EDITOR:-vi}}\" {path}")],
        },
        Step {
            text: text!(
                "Restart the VM: colima applies the file when it starts (the runtime itself is fixed when the VM is created):",
                "重启虚拟机：colima 在启动时应用该文件（运行时在创建虚拟机时就已确定）："
            ),
            commands: vec![format!("colima stop{flag} && colima start{flag}")],
        },
    ];
    let image = profile
        .registries
        .iter()
        .filter(|r| !r.mirrors.is_empty())
        .filter_map(|r| catalog().registry(r.host.trim()))
        .map(|r| r.example_image.clone())
        .find(|i| !i.is_empty())
        .unwrap_or_else(|| "docker.io/library/busybox:1.36".to_string());
    let proxy = !profile.proxy.http.trim().is_empty() || !profile.proxy.https.trim().is_empty();
    match colima.runtime {
        ColimaRuntime::Containerd => {
            let mut commands = Vec::new();
            if let Some(dir) = profile
                .registries
                .iter()
                .filter(|r| !r.mirrors.is_empty())
                .chain(&profile.registries)
                .find_map(|r| RegistryHost::parse(r.host.trim()).ok())
                .map(|h| h.name())
            {
                commands.push(format!(
                    "colima ssh{flag} -- cat /etc/containerd/certs.d/{dir}/hosts.toml"
                ));
            }
            if proxy {
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
            let context = if name == "default" {
                String::new()
            } else {
                format!(" --context colima-{name}")
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

/// The name a single file downloads as: hosts.toml files and names that
/// occur twice get their directory in front (`docker.io_hosts.toml`).
pub fn download_name(tree: &FileTree, path: &str) -> String {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(path);
    let twice = tree.files.iter().filter(|f| f.file_name() == name).count() > 1;
    match parts.next() {
        Some(dir) if !dir.is_empty() && dir != "~" && (twice || name == "hosts.toml") => {
            format!("{dir}_{name}")
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::presets;
    use crate::render::render;

    #[test]
    fn colima_gets_its_own_steps() {
        let p = &presets()
            .iter()
            .find(|p| p.preset.id == "seed-colima-proxy")
            .unwrap()
            .profile;
        let tree = render(p, &Default::default());
        assert!(tree.get("install.sh").is_none(), "nothing for a node");
        let steps = colima_steps(p, &tree);
        let all: Vec<&str> = steps
            .iter()
            .flat_map(|s| &s.commands)
            .map(String::as_str)
            .collect();
        assert!(all.contains(&"colima stop && colima start"), "{all:?}");
        assert!(steps[0].text.en.contains("~/.colima/default/colima.yaml"));
        let mut work = p.clone();
        work.colima.as_mut().unwrap().profile = "work".into();
        work.colima.as_mut().unwrap().runtime = ColimaRuntime::Containerd;
        let tree = render(&work, &Default::default());
        let steps = colima_steps(&work, &tree);
        let all: Vec<&str> = steps
            .iter()
            .flat_map(|s| &s.commands)
            .map(String::as_str)
            .collect();
        assert!(all.contains(&"colima stop --profile work && colima start --profile work"));
        assert!(all.contains(
            &"colima ssh --profile work -- cat /etc/containerd/certs.d/docker.io/hosts.toml"
        ));
        let mut docker = p.clone();
        docker.colima.as_mut().unwrap().runtime = ColimaRuntime::Docker;
        let steps = colima_steps(&docker, &render(&docker, &Default::default()));
        assert!(steps[2].commands[0].starts_with("docker info | grep -iA3"));
        let none = presets()[0].profile.clone();
        assert!(colima_steps(&none, &render(&none, &Default::default())).is_empty());
    }

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
            .map(|f| download_name(&tree, &f.path))
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
