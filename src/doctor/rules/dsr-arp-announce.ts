// DSR real servers must not put the VIP in the ARP requests they send.
import type { Rule } from "../types.js";
import { checkArpSysctl } from "./dsr-arp-ignore.js";

const ID = "dsr-arp-announce";

export const rule: Rule = {
  id: ID,
  title: "A DSR real server may announce its VIP in ARP requests (arp_announce < 2)",
  severity: "warning",
  doc: {
    what: "When an IPv4 VIP sits on lo (a DSR real server), checks that the effective arp_announce — the larger of net.ipv4.conf.all.arp_announce and net.ipv4.conf.<if>.arp_announce — is 2 on every interface with an IPv4 address. Reports info when the sysctls were not collected. On a router — the host forwards (net.ipv4.ip_forward = 1) and runs FRR, Quagga or BIRD (configuration file or process) — a /32 on lo is its loopback, not a VIP, and is not judged (dsr-vip-netmask says so at info level).",
    why: "A DSR real server answers clients from the VIP. When it then has to ARP for its gateway, arp_announce 0 or 1 lets the kernel put the VIP as the sender address of the ARP request, and neighbours that learn from requests map the VIP to this server's MAC: traffic for the VIP is stolen from the load balancer now and then, which is hard to trace. It is intermittent rather than constant, so it is a warning.",
    evidence:
      "The sysctl lines (from /proc/sys, `sysctl -a` in the sosreport, or /etc/sysctl.conf and /etc/sysctl.d) and the VIP's address line.",
    fix: "`sysctl -w net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.<if>.arp_announce=2`, and the same lines in /etc/sysctl.d/ so they survive a reboot.",
    references: [
      "kernel Documentation/networking/ip-sysctl.rst: arp_announce",
      "Linux Virtual Server: LVS/DR and the ARP problem (linuxvirtualserver.org/docs/arp.html)",
      "keepalived LVS DR real server setup (keepalived.org documentation)",
    ],
  },
  check: (s) =>
    checkArpSysctl(s, {
      id: ID,
      param: "arp_announce",
      want: 2,
      severity: "warning",
      explain: (iface, v, vips) =>
        `With arp_announce=${v}, when this host sends a packet from ${vips} (every DSR reply does) and must first ARP for the next hop on ${iface}, the kernel may use the VIP as the sender address of that ARP request. ` +
        "Routers and hosts that learn from ARP requests then map the VIP to this server's MAC and bypass the L4 balancer until their cache is corrected — intermittent, and hard to trace. " +
        "arp_announce=2 always uses the best address of the outgoing interface instead (incident 002).",
    }),
};
