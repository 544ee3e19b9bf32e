//! Where students find the game: this computer's addresses, the most likely
//! classroom network first, and the join line printed when the server
//! listens. Scripts and tests read that line: keep its form.

use std::net::{IpAddr, Ipv4Addr};

/// One address students might reach the game at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub ip: IpAddr,
    /// The network interface it belongs to (`wlan0`, `eth0`, `docker0`).
    pub interface: String,
}

/// The page's address on `ip`: `http://192.168.1.20:8080/`.
pub fn join_url(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{port}/"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}/"),
    }
}

/// The address the QR code opens: the page with the PIN filled in.
pub fn qr_url(ip: IpAddr, port: u16, pin: &str) -> String {
    format!("{}?pin={pin}", join_url(ip, port))
}

/// The one line printed on standard output once the server is listening:
/// `Join at http://192.168.1.20:8080/ with PIN 482913`.
pub fn join_line(url: &str, pin: &str) -> String {
    format!("Join at {url} with PIN {pin}")
}

/// Reads a join line back: (url, pin). For scripts and tests.
pub fn parse_join_line(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix("Join at ")?;
    let (url, pin) = rest.split_once(" with PIN ")?;
    (pin.len() == 6 && pin.bytes().all(|b| b.is_ascii_digit())).then(|| (url.to_string(), pin.to_string()))
}

/// Interface names of virtual networks: containers, virtual machines, VPNs.
const VIRTUAL: &[&str] = &[
    "docker",
    "br-",
    "veth",
    "virbr",
    "vboxnet",
    "vmnet",
    "tun",
    "tap",
    "wg",
    "tailscale",
    "zt",
    "utun",
    "lxc",
    "lxd",
    "podman",
    "cni",
    "flannel",
    "cali",
    "vethernet",
    "virtualbox",
    "vmware",
    "hyper-v",
];

/// Interface names of real Wi-Fi and Ethernet adapters.
const PHYSICAL: &[&str] = &["wl", "en", "eth", "wi-fi", "wifi", "ethernet"];

fn is_private_v4(ip: Ipv4Addr) -> bool {
    ip.is_private()
}

/// Lower is likelier to be the classroom network.
fn likelihood(c: &Candidate) -> u8 {
    let name = c.interface.to_lowercase();
    let is_virtual = VIRTUAL.iter().any(|v| name.starts_with(v) || name.contains(v));
    let is_physical = !is_virtual && PHYSICAL.iter().any(|p| name.starts_with(p));
    match c.ip {
        ip if ip.is_loopback() => 9,
        IpAddr::V4(v4) if v4.is_link_local() => 7,
        _ if is_virtual => 6,
        IpAddr::V4(v4) if is_private_v4(v4) && is_physical => 0,
        IpAddr::V4(v4) if is_private_v4(v4) => 1,
        IpAddr::V4(_) => 2,
        IpAddr::V6(_) => 3,
    }
}

/// Orders addresses the likeliest classroom network first: private IPv4 on
/// a Wi-Fi or Ethernet adapter, then other private ones, then the rest,
/// virtual networks (Docker, VPNs) after those and loopback last. Equal
/// ones keep the order they were found in.
pub fn rank(found: Vec<Candidate>) -> Vec<Candidate> {
    let mut found = found;
    found.sort_by_key(likelihood);
    found.dedup_by(|a, b| a.ip == b.ip);
    found
}

/// The addresses a server bound to `bind` can be reached at, best first.
/// Bound to every address (`0.0.0.0`), that is each IPv4 address of this
/// computer; bound to one, only that one.
pub fn candidates(bind: IpAddr) -> Vec<Candidate> {
    if !bind.is_unspecified() {
        return vec![Candidate { ip: bind, interface: String::new() }];
    }
    let found: Vec<Candidate> = local_ip_address::list_afinet_netifas()
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, ip)| ip.is_ipv4() == bind.is_ipv4())
        .map(|(interface, ip)| Candidate { ip, interface })
        .collect();
    let mut ranked = rank(found);
    if ranked.is_empty() {
        let loopback = if bind.is_ipv4() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { "::1".parse().unwrap() };
        ranked.push(Candidate { ip: loopback, interface: "lo".into() });
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(interface: &str, ip: &str) -> Candidate {
        Candidate { ip: ip.parse().unwrap(), interface: interface.into() }
    }

    #[test]
    fn the_classroom_network_comes_first_and_loopback_last() {
        let found = vec![
            c("lo", "127.0.0.1"),
            c("docker0", "172.17.0.1"),
            c("tailscale0", "100.101.102.103"),
            c("br-5e1f", "172.18.0.1"),
            c("wlp2s0", "192.168.1.20"),
            c("enp3s0", "10.0.0.7"),
            c("eth1", "169.254.3.4"),
        ];
        let order: Vec<String> = rank(found).iter().map(|c| c.ip.to_string()).collect();
        assert_eq!(
            order,
            [
                "192.168.1.20",
                "10.0.0.7",
                "172.17.0.1",
                "100.101.102.103",
                "172.18.0.1",
                "169.254.3.4",
                "127.0.0.1"
            ]
        );
    }

    #[test]
    fn windows_and_mac_names_are_understood() {
        let found =
            vec![c("vEthernet (WSL)", "172.20.0.1"), c("Wi-Fi", "192.168.0.12"), c("en0", "10.1.1.5")];
        let order: Vec<String> = rank(found).into_iter().map(|c| c.interface).collect();
        assert_eq!(order, ["Wi-Fi", "en0", "vEthernet (WSL)"]);
    }

    #[test]
    fn the_join_line_is_stable_and_reads_back() {
        let ip: IpAddr = "192.168.1.20".parse().unwrap();
        let url = join_url(ip, 8080);
        assert_eq!(url, "http://192.168.1.20:8080/");
        assert_eq!(qr_url(ip, 8080, "482913"), "http://192.168.1.20:8080/?pin=482913");
        let line = join_line(&url, "482913");
        assert_eq!(line, "Join at http://192.168.1.20:8080/ with PIN 482913");
        assert_eq!(parse_join_line(&line), Some((url, "482913".into())));
        assert_eq!(parse_join_line("Join at x with PIN 12"), None);
        assert_eq!(join_url("::1".parse().unwrap(), 80), "http://[::1]:80/");
    }

    #[test]
    fn a_named_bind_address_is_the_only_candidate_and_every_list_has_one() {
        let one = candidates("127.0.0.1".parse().unwrap());
        assert_eq!(one.len(), 1);
        let all = candidates(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        assert!(!all.is_empty());
        assert!(all.iter().all(|c| c.ip.is_ipv4()));
        if let Some(pos) = all.iter().position(|c| c.ip.is_loopback()) {
            assert_eq!(pos, all.len() - 1, "loopback is last");
        }
    }
}
