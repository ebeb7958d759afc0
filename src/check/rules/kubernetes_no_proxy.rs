//! MS404 `kubernetes-no-proxy-missing`
//!
//! ## What it does
//! Reports a Kubernetes node whose NO_PROXY lacks cluster addresses:
//! `.svc`/`.cluster.local`, a service CIDR and a pod CIDR. Ranges count when
//! a CIDR entry holds a known default (kubeadm services `10.96.0.0/12`, k3s
//! `10.43.0.0/16`; flannel pods `10.244.0.0/16`, Calico `192.168.0.0/16`, k3s
//! `10.42.0.0/16`). A cluster with its own ranges cannot be known: any other
//! private CIDR of /16 or wider (an IPv6 ULA one of /112 or wider) is taken
//! as those, and the ranges are not reported.
//!
//! ## Why is this bad?
//! containerd and kubelet then send in-cluster traffic (webhooks, registries
//! in the cluster, the API server's service IP) to the corporate proxy,
//! which cannot reach it: image pulls from in-cluster registries and
//! admission calls time out. A node subnet such as `192.168.1.0/24` covers
//! neither range.
//!
//! ## Example
//! ```toml
//! no_proxy = ["192.168.1.0/24", ".svc", ".cluster.local"]
//! ```
//!
//! ## Use instead
//! ```toml
//! presets = ["loopback", "cluster-domains", "kubeadm-services", "calico-pods"]
//! ```
use std::net::{IpAddr, Ipv4Addr};

use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS404",
    name: "kubernetes-no-proxy-missing",
    run,
};

const fn v4(a: u8, b: u8, c: u8, d: u8, prefix: u8) -> (IpAddr, u8) {
    (IpAddr::V4(Ipv4Addr::new(a, b, c, d)), prefix)
}

/// Default service CIDRs: kubeadm, k3s.
const SERVICE_RANGES: [(IpAddr, u8); 2] = [v4(10, 96, 0, 0, 12), v4(10, 43, 0, 0, 16)];
/// Default pod CIDRs: flannel, Calico, k3s.
const POD_RANGES: [(IpAddr, u8); 3] = [
    v4(10, 244, 0, 0, 16),
    v4(192, 168, 0, 0, 16),
    v4(10, 42, 0, 0, 16),
];

/// A private range wide enough to be a cluster's own service or pod CIDR.
fn is_custom_cluster_range(e: &NoProxyEntry) -> bool {
    match e {
        NoProxyEntry::Cidr {
            net: IpAddr::V4(ip),
            prefix,
        } => ip.is_private() && *prefix <= 16,
        NoProxyEntry::Cidr {
            net: IpAddr::V6(ip),
            prefix,
        } => crate::plan::is_unique_local(ip) && *prefix <= 112,
        _ => false,
    }
}

fn run(plan: &Plan, f: &mut Findings) {
    if !plan.profile.kubernetes || !plan.proxy.is_set() {
        return;
    }
    let entries: Vec<&NoProxyEntry> = plan.proxy.entries().collect();
    let matches = |host: &str| {
        Url::parse(&format!("https://{host}"), UrlRules::MIRROR)
            .map(|u| !go_uses_proxy(entries.iter().copied(), &u))
            .unwrap_or(false)
    };
    let covered = |ranges: &[(IpAddr, u8)]| {
        ranges
            .iter()
            .any(|(net, prefix)| entries.iter().any(|e| e.covers_cidr(*net, *prefix)))
    };
    let mut missing_en = Vec::new();
    let mut missing_zh = Vec::new();
    if !matches("kubernetes.default.svc") {
        missing_en.push(".svc");
        missing_zh.push(".svc");
    }
    if !matches("kubernetes.default.svc.cluster.local") {
        missing_en.push(".cluster.local");
        missing_zh.push(".cluster.local");
    }
    let service = covered(&SERVICE_RANGES);
    let pod = covered(&POD_RANGES);
    // A private CIDR that is none of the defaults: the cluster's own ranges.
    let custom = entries.iter().any(|e| {
        is_custom_cluster_range(e)
            && !SERVICE_RANGES
                .iter()
                .chain(&POD_RANGES)
                .any(|(net, prefix)| e.covers_cidr(*net, *prefix))
    });
    if !custom {
        if !service {
            missing_en.push("the service CIDR (kubeadm: 10.96.0.0/12)");
            missing_zh.push("Service 网段（kubeadm：10.96.0.0/12）");
        }
        if !pod {
            missing_en.push("the pod CIDR (flannel: 10.244.0.0/16, Calico: 192.168.0.0/16)");
            missing_zh.push("Pod 网段（flannel：10.244.0.0/16，Calico：192.168.0.0/16）");
        }
    }
    if !missing_en.is_empty() {
        let en = missing_en.join(", ");
        let zh = missing_zh.join("、");
        f.warning(
            Field::NoProxyPreset(0),
            text!(
                "This Kubernetes node's NO_PROXY lacks {en}: in-cluster traffic would go to the proxy.",
                "该 Kubernetes 节点的 NO_PROXY 缺少 {zh}：集群内部流量会被发往代理。"
            ),
            text!(
                "Add the presets: service names, kubeadm service CIDR and your CNI's pod CIDR (flannel or Calico), plus the node subnet. If your cluster uses other ranges, add them.",
                "请添加预设：服务域名、kubeadm Service 网段、CNI 的 Pod 网段（flannel 或 Calico），以及节点网段。如果集群使用其他网段，请添加这些网段。"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::run_rule;
    use crate::profile::Profile;

    fn warning(presets: &[&str], no_proxy: &[&str]) -> Option<String> {
        let mut p = Profile {
            kubernetes: true,
            ..Profile::default()
        };
        p.proxy.https = "http://proxy.corp:3128".into();
        p.proxy.presets = presets.iter().map(|s| s.to_string()).collect();
        p.proxy.no_proxy = no_proxy.iter().map(|s| s.to_string()).collect();
        let found = run_rule(&Plan::new(&p), &RULE);
        assert!(found.len() <= 1);
        found.first().map(|f| f.message.en.to_string())
    }

    #[test]
    fn a_node_subnet_is_not_a_cluster_range() {
        // The audit's cidr.toml: it passed because it had some CIDR.
        let w = warning(&[], &["192.168.1.0/24", ".svc", ".cluster.local"]).unwrap();
        assert!(w.contains("service CIDR") && w.contains("pod CIDR"), "{w}");
        assert!(!w.contains(".svc,"), "{w}");
    }

    #[test]
    fn each_missing_range_is_named() {
        let w = warning(&["cluster-domains", "calico-pods"], &[]).unwrap();
        assert!(w.contains("service CIDR") && !w.contains("pod CIDR"), "{w}");
        let w = warning(&["cluster-domains", "kubeadm-services"], &[]).unwrap();
        assert!(!w.contains("service CIDR") && w.contains("pod CIDR"), "{w}");
        let w = warning(&["kubeadm-services", "flannel-pods"], &[]).unwrap();
        assert!(
            w.contains(".svc, .cluster.local") && !w.contains("CIDR"),
            "{w}"
        );
    }

    #[test]
    fn default_and_custom_ranges_pass() {
        for (presets, extra) in [
            (
                &["cluster-domains", "kubeadm-services", "calico-pods"][..],
                &[][..],
            ),
            (&["cluster-domains", "private-ranges"], &[]),
            (&["cluster-domains", "k3s"], &[]),
            // The cluster's own ranges: the check cannot know them.
            (&["cluster-domains"], &["172.20.0.0/16"]),
            (&["cluster-domains"], &["fd00:10:96::/108"]),
        ] {
            assert_eq!(warning(presets, extra), None, "{presets:?} {extra:?}");
        }
    }
}
