// DSR real servers: the VIP on lo must be a /32 alias, and lo must keep 127.0.0.1.
import type { HostSnapshot } from "../../host/model.js";
import { isIpv4, isLoopbackV4 } from "../../lib/net.js";
import { type LoopbackVip, loopbackVips, routerContext } from "../loopback-vips.js";
import type { Finding, Rule } from "../types.js";

const ID = "dsr-vip-netmask";

/** Info: why a /32 on lo was not judged as a DSR VIP. */
function routerLoopbacks(s: HostSnapshot): Finding[] {
  const router = routerContext(s);
  if (!router) return [];
  const seen = new Map<string, LoopbackVip>();
  for (const v of loopbackVips(s))
    if (v.prefix === 32 && !seen.has(v.address)) seen.set(v.address, v);
  if (seen.size === 0) return [];
  const vips = [...seen.values()];
  const shown = vips.map((v) => `${v.address}/32`).join(", ");
  return [
    {
      rule: ID,
      severity: "info",
      subject: "lo",
      title: `${shown} on lo ${vips.length === 1 ? "is a router loopback, not a DSR VIP" : "are router loopbacks, not DSR VIPs"} (${router.why})`,
      explanation: `This host forwards packets and runs a routing daemon (${router.why}), so a /32 on lo is the router's own loopback address (router id, BGP/OSPF session source), which it announces and is meant to answer for. The dsr-* rules (arp_ignore, arp_announce) apply to DSR real servers and were not applied to it. If this host is in fact a DSR real server behind a load balancer, its arp_ignore/arp_announce still need setting.`,
      evidence: [...vips.map((v) => v.source), ...router.evidence],
      fix: [],
    },
  ];
}
/** A snapshot path as it is on the host: etc/x -> /etc/x. */
const onHost = (f: string) => (f.startsWith("/") ? f : `/${f}`);

function replacedLoopback(s: HostSnapshot): Finding[] {
  const out: Finding[] = [];
  const lo = s.interfaces.lo;
  const runV4 = lo?.addresses.filter((a) => a.family === "inet" && isIpv4(a.address)) ?? [];
  const cfgV4 = s.configuredAddresses.filter(
    (a) => a.family === "inet" && a.iface === "lo" && (a.label ?? "lo") === "lo",
  );
  const cfg = cfgV4.filter((a) => a.format === "ifcfg" && /(^|\/)ifcfg-lo$/.test(a.source.file));
  const cases = [
    { where: "running", addrs: runV4, file: "" },
    { where: "configured", addrs: cfg, file: onHost(cfg[0]?.source.file ?? "") },
  ];
  for (const { where, addrs, file } of cases) {
    if (addrs.length === 0 || addrs.some((a) => isLoopbackV4(a.address))) continue;
    const shown = addrs.map((a) => a.address).join(", ");
    const vip = addrs[0]?.address ?? "VIP";
    out.push({
      rule: ID,
      severity: "critical",
      subject: "lo",
      title: `lo ${where === "running" ? "has" : `is configured in ${file} with`} ${shown} instead of 127.0.0.1`,
      explanation:
        "The VIP replaced lo's own address instead of being added beside it. Everything on this host that talks to itself over 127.0.0.1 or localhost (local resolver, databases, agents, syslog, rpcbind) now fails — 'the server became an idiot', as incident 002 puts it. " +
        "A DSR real server needs 127.0.0.1/8 on lo and the VIP as an extra /32 alias (lo:0).",
      evidence: addrs.map((a) => a.source),
      fix:
        where === "running"
          ? [
              "ip addr add 127.0.0.1/8 dev lo",
              `ip addr del ${vip}/${runV4[0]?.prefix ?? 32} dev lo && ip addr add ${vip}/32 dev lo label lo:0`,
            ]
          : [
              `# ${file}: give lo its own address back`,
              "DEVICE=lo",
              "IPADDR=127.0.0.1",
              "NETMASK=255.0.0.0",
              `# and put the VIP in ${file.replace(/ifcfg-lo$/, "ifcfg-lo:0")}`,
              "DEVICE=lo:0",
              `IPADDR=${vip}`,
              "NETMASK=255.255.255.255",
            ],
    });
  }
  return out;
}

const CONFIG_LINE: Partial<Record<LoopbackVip["where"], (v: string) => string>> = {
  ifcfg: () => "NETMASK=255.255.255.255",
  ifupdown: () => "netmask 255.255.255.255",
  netplan: (v) => `- ${v}/32`,
  networkd: (v) => `Address=${v}/32`,
  nmconnection: (v) => `address1=${v}/32`,
};

function wideVip(v: LoopbackVip & { prefix: number }): Finding {
  const fix =
    v.where === "running"
      ? [
          `ip addr del ${v.address}/${v.prefix} dev lo && ip addr add ${v.address}/32 dev lo label ${v.label === "lo" ? "lo:0" : v.label}`,
        ]
      : [`# ${onHost(v.source.file)}`, CONFIG_LINE[v.where]?.(v.address) ?? `${v.address}/32`];
  return {
    rule: ID,
    severity: "warning",
    subject: "lo",
    title: `VIP ${v.address} on ${v.label} is /${v.prefix}, not /32${v.where === "running" ? "" : ` (${onHost(v.source.file)})`}`,
    explanation:
      `On lo the kernel treats the whole prefix as local: with ${v.address}/${v.prefix} this host considers every address of that subnet its own (see 'ip route show table local'), so it can no longer reach the other hosts in it and may answer ARP for all of them. ` +
      "DSR only needs the host to accept packets for the single VIP the load balancer forwards: the alias must have netmask 255.255.255.255 (incident 002).",
    evidence: [v.source],
    fix,
  };
}

export const rule: Rule = {
  id: ID,
  title: "A DSR VIP on lo is not a /32, or replaced 127.0.0.1",
  severity: "critical",
  doc: {
    what: "Finds IPv4 addresses outside 127.0.0.0/8 on lo (running or configured, lo or lo:N) whose prefix is not /32 (warning), and a lo that has, or is configured with, a VIP instead of 127.0.0.1 (critical). On a router (net.ipv4.ip_forward = 1 and FRR, Quagga or BIRD configured or running) it says, at info level, that a /32 on lo is a router loopback and was not judged as a DSR VIP.",
    why: "A DSR (direct server return) real server holds the service VIP on lo so it accepts the packets the L4 balancer forwards. On lo the kernel makes the whole prefix local, so a /24 VIP makes the host claim 256 addresses and lose its route to that subnet. Replacing 127.0.0.1 breaks everything on the host that uses localhost.",
    evidence:
      "The address line from `ip address` (sos_commands/networking) or from the configuration file (ifcfg-lo:0, interfaces, netplan, .network, .nmconnection).",
    fix: "Re-add the VIP as a /32 alias (`ip addr add VIP/32 dev lo label lo:0`), set netmask 255.255.255.255 in the file, and keep 127.0.0.1/8 on lo.",
    references: [
      "Linux Virtual Server: LVS/DR and the ARP problem (linuxvirtualserver.org/docs/arp.html)",
      "keepalived LVS DR real server setup (keepalived.org documentation)",
      "kernel Documentation/networking/ip-sysctl.rst (arp_ignore, arp_announce)",
    ],
  },
  check(s) {
    const critical = replacedLoopback(s);
    const covered = new Set(critical.flatMap((f) => f.evidence.map((e) => `${e.file}:${e.line}`)));
    const wide = loopbackVips(s).filter(
      (v): v is LoopbackVip & { prefix: number } =>
        v.prefix !== undefined &&
        v.prefix !== 32 &&
        !covered.has(`${v.source.file}:${v.source.line}`),
    );
    // One finding per VIP: the running address and its config line are one problem.
    const byAddress = new Map<string, Finding>();
    for (const v of wide) {
      const f = wideVip(v);
      const have = byAddress.get(v.address);
      if (!have) {
        byAddress.set(v.address, f);
        continue;
      }
      have.evidence.push(...f.evidence);
      have.fix.push(...f.fix.filter((x) => !have.fix.includes(x)));
      if (v.where !== "running" && !have.title.includes(onHost(v.source.file))) {
        have.title = `${have.title.replace(/ \(.*\)$/, "")} (running, and in ${onHost(v.source.file)})`;
      }
    }
    return [...critical, ...byAddress.values(), ...routerLoopbacks(s)];
  },
};
