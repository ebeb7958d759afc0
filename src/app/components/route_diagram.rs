//! The route as a picture: node, proxy (when used), then the hosts in the
//! order containerd tries them. Styling comes from CSS classes (strict CSP).
//! Long names are shortened in the middle (the whole name is the tooltip);
//! on narrow screens the picture keeps its size and scrolls sideways.

use yew::prelude::*;

use super::use_ctx;
use crate::app::derived::proxy_authority;
use crate::app::strings::*;
use crate::route::{HostRole, Route, Via};

#[derive(Properties, PartialEq)]
pub struct RouteDiagramProps {
    pub route: Route,
}

const ROW: i32 = 48;
const HOST_X: i32 = 300;
const HOST_W: i32 = 290;
/// Characters of the 12px monospace label that fit in a host box.
const HOST_CHARS: usize = 36;
/// Characters of the small label that fit in the proxy box.
const PROXY_CHARS: usize = 17;

#[function_component]
pub fn RouteDiagram(props: &RouteDiagramProps) -> Html {
    let ctx = use_ctx();
    let r = &props.route;
    let n = r.hosts.len().max(1) as i32;
    let height = n * ROW + 16;
    let mid = height / 2;
    let proxied = r.hosts.iter().any(|h| h.via.is_proxy());
    let proxy_label = r
        .hosts
        .iter()
        .find_map(|h| match &h.via {
            Via::Proxy { proxy } => Some(proxy.clone()),
            Via::Direct { .. } => None,
        })
        .unwrap_or_default();
    let proxy_host = proxy_authority(&proxy_label);
    let host_y = |i: i32| 8 + i * ROW + ROW / 2;
    let mark = |t: T, ok: bool| format!("{} {}", ctx.t(t), if ok { "✓" } else { "✗" });
    html! {
        <div class="route-scroll">
        <svg class="route" viewBox={format!("0 0 600 {height}")} role="img" aria-label={ctx.t(EXPLAIN)} id="route-diagram">
            <rect class="box node" x="4" y={(mid - 18).to_string()} width="92" height="36" rx="6" />
            <text class="r-label" x="50" y={(mid + 5).to_string()} text-anchor="middle">{ ctx.t(NODE) }</text>
            if proxied {
                <g class="proxy-box">
                    <title>{ &proxy_label }</title>
                    <rect class="box proxy" x="140" y={(mid - 18).to_string()} width="110" height="36" rx="6" />
                    <text class="r-label" x="195" y={(mid - 1).to_string()} text-anchor="middle">{ ctx.t(PROXY) }</text>
                    <text class="r-small" x="195" y={(mid + 12).to_string()} text-anchor="middle">{ shorten(&proxy_host, PROXY_CHARS) }</text>
                </g>
                <path class="edge proxy" d={format!("M96 {mid} L140 {mid}")} />
            }
            { for r.hosts.iter().enumerate().map(|(i, h)| {
                let y = host_y(i as i32);
                let fetched = r.fetch.iter().any(|q| q.host == i);
                let skipped = h.resolve_skipped.is_some() && !fetched;
                let edge = if h.via.is_proxy() {
                    html! { <path class={classes!("edge", "proxy", skipped.then_some("off"))} d={format!("M250 {mid} C275 {mid} 275 {y} {HOST_X} {y}")} /> }
                } else {
                    html! { <path class={classes!("edge", "direct", skipped.then_some("off"))} d={format!("M96 {mid} C200 {mid} 200 {y} {HOST_X} {y}")} /> }
                };
                let role = match h.role {
                    HostRole::Mirror => format!("{}. ", i + 1),
                    HostRole::Upstream => format!("{}. ↑ ", i + 1),
                };
                let marks = format!(
                    "{} {} · {}",
                    mark(RESOLVE_SHORT, h.resolve_skipped.is_none()),
                    mark(FETCH_SHORT, fetched),
                    if h.via.is_proxy() { ctx.t(PROXY) } else { ctx.t(DIRECT) }
                );
                let room = HOST_CHARS.saturating_sub(role.chars().count());
                html! {
                    <g class={classes!("host", skipped.then_some("off"), matches!(h.role, HostRole::Upstream).then_some("upstream"))}>
                        <title>{ format!("{role}{} — {marks}", h.authority) }</title>
                        { edge }
                        <rect class="box" x={HOST_X.to_string()} y={(y - 20).to_string()} width={HOST_W.to_string()} height="40" rx="6" />
                        <text class="r-label" x={(HOST_X + 10).to_string()} y={(y - 3).to_string()}>{ format!("{role}{}", shorten(&h.authority, room)) }</text>
                        <text class="r-small" x={(HOST_X + 10).to_string()} y={(y + 13).to_string()}>{ marks }</text>
                    </g>
                }
            }) }
        </svg>
        </div>
    }
}
