//! MS404 `kubernetes-no-proxy-missing`
//!
//! ## What it does
//! Reports a Kubernetes node whose NO_PROXY lacks cluster addresses:
//! loopback, `.svc`/`.cluster.local`, the service CIDR and the pod CIDR.
//!
//! ## Why is this bad?
//! containerd and kubelet then send in-cluster traffic (webhooks, registries
//! in the cluster, the API server's service IP) to the corporate proxy,
//! which cannot reach it: image pulls from in-cluster registries and
//! admission calls time out.
//!
//! ## Use instead
//! The loopback, service-name, kubeadm service and CNI pod presets.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS404",
    name: "kubernetes-no-proxy-missing",
    run,
};

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
    let mut missing = Vec::new();
    if !matches("kubernetes.default.svc") {
        missing.push(".svc");
    }
    if !matches("kubernetes.default.svc.cluster.local") {
        missing.push(".cluster.local");
    }
    let has_cidr = entries.iter().any(|e| e.is_cidr());
    if !has_cidr {
        missing.push("service and pod CIDRs");
    }
    if !missing.is_empty() {
        let list = missing.join(", ");
        f.warning(
            Field::NoProxyPreset(0),
            text!(
                "This Kubernetes node's NO_PROXY lacks {list}: in-cluster traffic would go to the proxy.",
                "该 Kubernetes 节点的 NO_PROXY 缺少 {list}：集群内部流量会被发往代理。"
            ),
            text!(
                "Add the presets: service names, kubeadm service CIDR and your CNI's pod CIDR (flannel or Calico), plus the node subnet.",
                "请添加预设：服务域名、kubeadm Service 网段、CNI 的 Pod 网段（flannel 或 Calico），以及节点网段。"
            ),
        );
    }
}
