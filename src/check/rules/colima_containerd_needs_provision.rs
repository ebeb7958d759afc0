//! MS105 `colima-mirrors-in-vm`
//!
//! ## What it does
//! Explains how the mirrors reach colima's VM for each runtime.
//!
//! ## Why is this bad?
//! With the containerd runtime, colima.yaml has no mirror setting: only a
//! `provision` script can write certs.d inside the VM, and nerdctl reads it
//! from there. With the docker runtime only Docker Hub mirrors apply.
//!
//! ## Use instead
//! Merge the generated `provision` entry; restart colima.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS105",
    name: "colima-mirrors-in-vm",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let Some(c) = &plan.profile.colima else {
        return;
    };
    if c.runtime == ColimaRuntime::Containerd
        && plan.registries.iter().any(|r| !r.mirrors.is_empty())
    {
        f.info(
            Field::Colima,
            text!(
                "colima's containerd runtime has no mirror setting: the generated provision script writes /etc/containerd/certs.d in the VM on every start (nerdctl reads it there).",
                "colima 的 containerd 运行时没有镜像源配置项：生成的 provision 脚本会在每次启动时写入虚拟机中的 /etc/containerd/certs.d（nerdctl 从这里读取）。"
            ),
            text!(
                "Merge the provision entry into colima.yaml, then colima stop && colima start. For Kubernetes inside colima, containerd also needs config_path.",
                "把 provision 条目合并进 colima.yaml，然后执行 colima stop && colima start。若在 colima 中运行 Kubernetes，containerd 还需要设置 config_path。"
            ),
        );
    }
}
