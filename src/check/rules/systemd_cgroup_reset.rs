//! MS501 `systemd-cgroup-reset`
//!
//! ## What it does
//! Reports a Kubernetes node whose generated config.toml does not set
//! `SystemdCgroup`.
//!
//! ## Why is this bad?
//! The minimal and full files replace config.toml, where kubeadm guides set
//! `SystemdCgroup = true`. The default is false: with kubelet's systemd
//! cgroup driver, pods crash-loop after the restart.
//!
//! ## Use instead
//! Set SystemdCgroup to match kubelet's `cgroupDriver` (systemd on modern
//! distributions).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS501",
    name: "systemd-cgroup-reset",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let Some(c) = &plan.profile.containerd else {
        return;
    };
    let replaces = !(c.config == ConfigStyle::DropIn && c.version >= ContainerdVersion::V2_2);
    if plan.profile.kubernetes && plan.profile.systemd_cgroup.is_none() && replaces {
        f.warning(
            Field::SystemdCgroup,
            text!(
                "SystemdCgroup is not set, so the new config.toml uses containerd's default (false). If kubelet uses the systemd cgroup driver, pods will crash-loop.",
                "未设置 SystemdCgroup，新的 config.toml 会使用 containerd 默认值（false）。如果 kubelet 使用 systemd cgroup 驱动，Pod 会反复崩溃。"
            ),
            text!(
                "Set SystemdCgroup to true (kubeadm's default driver is systemd), or false if kubelet uses cgroupfs.",
                "请把 SystemdCgroup 设为 true（kubeadm 默认使用 systemd 驱动）；若 kubelet 使用 cgroupfs 则设为 false。"
            ),
        );
    }
}
