// DSR real servers must not answer ARP for the VIP they hold on lo.
import type { HostSnapshot, Sysctl } from "../../host/model.js";
import type { Evidence } from "../../lib/evidence.js";
import { isIpv4, isLoopbackV4 } from "../../lib/net.js";
import { dsrVips, type LoopbackVip } from "../loopback-vips.js";
import { present, sysctlNumber } from "../rule-helpers.js";
import type { Finding, Rule, Severity } from "../types.js";

/** The interfaces that answer ARP on the LAN: those with an IPv4 address, else all but lo. */
function egressInterfaces(s: HostSnapshot, param: string): string[] {
  const all = Object.values(s.interfaces).filter((i) => i.name !== "lo" && i.kind !== "loopback");
  const withV4 = all.filter((i) =>
    i.addresses.some((a) => a.family === "inet" && isIpv4(a.address) && !isLoopbackV4(a.address)),
  );
  if (withV4.length > 0) return withV4.map((i) => i.name);
  if (all.length > 0) return all.map((i) => i.name);
  const re = new RegExp(`^net\\.ipv4\\.conf\\.(.+)\\.${param}$`);
  const names = Object.keys(s.sysctls).map((k) => re.exec(k)?.[1]);
  return names.filter((n): n is string => n !== undefined && !["all", "default", "lo"].includes(n));
}

/** sysctl(8) writes the dots of an interface name (eth0.100) as slashes in the key. */
function ifaceKey(s: HostSnapshot, iface: string, param: string): string {
  const slashed = `net.ipv4.conf.${iface.replaceAll(".", "/")}.${param}`;
  return s.sysctls[slashed] ? slashed : `net.ipv4.conf.${iface}.${param}`;
}

export interface ArpCheck {
  id: string;
  param: "arp_ignore" | "arp_announce";
  /** The effective value DSR needs, at least. */
  want: number;
  severity: Severity;
  explain: (iface: string, effective: number, vips: string) => string;
}

/** Shared by dsr-arp-ignore and dsr-arp-announce: the kernel uses max(all, <if>). */
export function checkArpSysctl(s: HostSnapshot, c: ArpCheck): Finding[] {
  const vips: LoopbackVip[] = dsrVips(s);
  if (vips.length === 0) return [];
  const firstByAddress = new Map<string, (typeof vips)[number]>();
  for (const v of vips) if (!firstByAddress.has(v.address)) firstByAddress.set(v.address, v);
  // the running address first: loopbackVips lists running before configured
  const firstVips = [...firstByAddress.values()];
  const vipText = firstVips.map((v) => v.address).join(", ");
  const vipEv: Evidence[] = firstVips.map((v) => v.source);
  const allKey = `net.ipv4.conf.all.${c.param}`;
  const allS: Sysctl | undefined = s.sysctls[allKey];
  const out: Finding[] = [];
  const unknown: string[] = [];
  const ifaces = egressInterfaces(s, c.param);
  // No interface known at all: judge by "all" alone (a per-interface value defaults to 0).
  for (const iface of ifaces.length > 0 ? ifaces : ["default"]) {
    const key = ifaceKey(s, iface, c.param);
    const allV = sysctlNumber(s, allKey);
    const ifV = sysctlNumber(s, key);
    if (allV === undefined && ifV === undefined) {
      unknown.push(iface);
      continue;
    }
    const effective = Math.max(allV ?? 0, ifV ?? 0);
    if (effective >= c.want) continue;
    const shown = `all=${allV ?? "not collected"}, ${iface}=${ifV ?? "not collected"}`;
    out.push({
      rule: c.id,
      severity: c.severity,
      subject: iface === "default" ? "host" : iface,
      title: `${c.param} on ${iface} is ${effective} (${shown}) while ${vipText} ${firstVips.length === 1 ? "is" : "are"} on lo; DSR needs ${c.want}`,
      explanation: c.explain(iface, effective, vipText),
      evidence: present(allS?.source, s.sysctls[key]?.source, ...vipEv),
      fix: [
        `sysctl -w ${allKey}=${c.want} ${key}=${c.want}`,
        "# make it survive a reboot: add to /etc/sysctl.d/90-dsr.conf, then run: sysctl --system",
        `${allKey} = ${c.want}`,
        `${key} = ${c.want}`,
      ],
    });
  }
  if (unknown.length === 0) return out;
  const which = ifaces.length > 0 ? unknown.join(", ") : "any interface";
  out.push({
    rule: c.id,
    severity: "info",
    subject: ifaces.length > 0 ? (unknown[0] ?? "host") : "host",
    title: `${c.param} was not collected for ${which}; cannot check the DSR VIP ${vipText}`,
    explanation: `This host holds ${vipText} on lo like a DSR real server, but the snapshot has neither ${allKey} nor the per-interface value, so linkguard cannot tell whether it would misbehave with ARP for the VIP.`,
    evidence: vipEv,
    fix: [
      "# read the values on the host, then run linkguard doctor again:",
      `sysctl ${allKey} ${unknown.map((i) => ifaceKey(s, i, c.param)).join(" ")}`,
    ],
  });
  return out;
}

const ID = "dsr-arp-ignore";

export const rule: Rule = {
  id: ID,
  title: "A DSR real server answers ARP for its VIP (arp_ignore < 1)",
  severity: "critical",
  doc: {
    what: "When an IPv4 VIP sits on lo (a DSR real server), checks that the effective arp_ignore — the larger of net.ipv4.conf.all.arp_ignore and net.ipv4.conf.<if>.arp_ignore — is at least 1 on every interface with an IPv4 address. Reports info when the sysctls were not collected. On a router — the host forwards (net.ipv4.ip_forward = 1) and runs FRR, Quagga or BIRD (configuration file or process) — a /32 on lo is its loopback, not a VIP, and is not judged (dsr-vip-netmask says so at info level).",
    why: "With arp_ignore=0 Linux answers ARP for any local address on any interface, the VIP on lo included. The router then learns the real server's MAC for the VIP and sends client traffic straight to this one server, bypassing the load balancer: the whole service loses balancing and health checks, and fails when this server does. That is an outage for every client, hence critical.",
    evidence:
      "The sysctl lines (from /proc/sys, `sysctl -a` in the sosreport, or /etc/sysctl.conf and /etc/sysctl.d) and the VIP's address line.",
    fix: "`sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.<if>.arp_ignore=1`, and the same lines in /etc/sysctl.d/ so they survive a reboot.",
    references: [
      "kernel Documentation/networking/ip-sysctl.rst: arp_ignore",
      "Linux Virtual Server: LVS/DR and the ARP problem (linuxvirtualserver.org/docs/arp.html)",
      "keepalived LVS DR real server setup (keepalived.org documentation)",
    ],
  },
  check: (s) =>
    checkArpSysctl(s, {
      id: ID,
      param: "arp_ignore",
      want: 1,
      severity: "critical",
      explain: (iface, v, vips) =>
        `With arp_ignore=${v} the kernel answers ARP requests arriving on ${iface} for any local address, including ${vips} on lo. ` +
        "The router or L3 switch may then cache this server's MAC for the VIP, and client traffic goes straight here instead of through the L4 balancer (DSR, direct server return): balancing and health checks stop, and the service fails with this one server. " +
        "arp_ignore=1 makes the kernel answer only for addresses configured on the interface the request came in on (incident 002).",
    }),
};
