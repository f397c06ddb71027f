// An IPv4 broadcast address that does not belong to the address's own subnet (a typo).
import type { ConfigFormat } from "../../host/model.js";
import type { Evidence } from "../../lib/evidence.js";
import { ipv4Broadcast, isIpv4 } from "../../lib/net.js";
import type { Finding, Rule } from "../types.js";

interface Candidate {
  subject: string;
  address: string;
  prefix?: number;
  broadcast?: string;
  where: "running" | "solaris-ifconfig" | ConfigFormat;
  source: Evidence;
}

const ID = "addr-broadcast-mismatch";
/** A snapshot path as it is on the host: etc/x -> /etc/x. */
const onHost = (f: string) => (f.startsWith("/") ? f : `/${f}`);

function fixFor(c: Candidate, want: string): string[] {
  const cidr = `${c.address}/${c.prefix}`;
  const dev = c.subject.split(":")[0] ?? c.subject;
  const inFile = (line: string) => [`# ${onHost(c.source.file)}`, line];
  switch (c.where) {
    case "running":
      return [
        `ifconfig ${c.subject} broadcast ${want}   # net-tools: changes it in place`,
        `ip addr del ${cidr} dev ${dev} && ip addr add ${cidr} broadcast ${want} dev ${dev}${c.subject === dev ? "" : ` label ${c.subject}`}   # iproute2: the address is briefly gone`,
      ];
    case "solaris-ifconfig":
      return [`ifconfig ${c.subject} broadcast +`];
    case "solaris-hostname":
      return inFile(`... netmask + broadcast + ...   # '+' derives it from the netmask`);
    case "ifcfg":
      return inFile(`BROADCAST=${want}   # or delete the line: ifup computes it`);
    case "ifupdown":
      return inFile(`broadcast ${want}   # or delete the line`);
    case "networkd":
      return inFile(`Broadcast=${want}   # or Broadcast=yes`);
    default:
      return inFile(`broadcast ${want}`);
  }
}

export const rule: Rule = {
  id: ID,
  title: "An IPv4 broadcast address does not match its address and netmask",
  severity: "warning",
  doc: {
    what: "Checks every IPv4 address with a broadcast — running (`ip address`), configured (ifcfg, interfaces, netplan, networkd, NetworkManager) and Solaris IPMP (`ifconfig -a`, /etc/hostname.<if>) — against the broadcast its address and prefix imply. Invalid addresses (anonymised samples such as 10.888.999.133) and /31, /32 are skipped.",
    why: "A mistyped broadcast (incident 001: broadcast 192.169.0.255 on 192.168.0.87/24) sends the subnet's broadcasts to an address outside it — routed to the default gateway or dropped — so broadcast-based services (DHCP relay, NetBIOS, Wake-on-LAN, some cluster heartbeats) silently stop working on that interface, and with IPMP the wrong value moves with the address on failover.",
    evidence:
      "The address line with its netmask and broadcast, from the command output or the configuration file.",
    fix: "Set the broadcast the netmask implies (`ifconfig IF broadcast B`, or delete and re-add it with `ip addr add A/P broadcast B dev IF`; `ifconfig IF broadcast +` on Solaris), or drop the broadcast from the file and let the tools compute it.",
    references: [
      "RFC 919 and RFC 922 (broadcasting Internet datagrams, in the presence of subnets)",
      "ip-address(8): broadcast, brd +",
      "ifconfig(1M) (Solaris): broadcast +",
    ],
  },
  check(s) {
    const candidates: Candidate[] = [];
    for (const i of Object.values(s.interfaces))
      for (const a of i.addresses)
        if (a.family === "inet")
          candidates.push({ ...a, subject: a.label ?? i.name, where: "running" });
    for (const a of s.configuredAddresses) {
      if (a.family !== "inet") continue;
      candidates.push({ ...a, subject: a.label ?? a.iface, where: a.format });
    }
    for (const i of s.ipmp) {
      const where = i.origin === "ifconfig" ? "solaris-ifconfig" : "solaris-hostname";
      for (const a of i.addresses) candidates.push({ ...a, subject: i.name, where });
    }
    const out: Finding[] = [];
    for (const c of candidates) {
      const { address, prefix, broadcast } = c;
      if (prefix === undefined || broadcast === undefined || !isIpv4(broadcast)) continue;
      const want = ipv4Broadcast(address, prefix);
      if (want === undefined || want === broadcast.trim() || address === "0.0.0.0") continue;
      out.push({
        rule: ID,
        severity: "warning",
        subject: c.subject,
        title: `${c.subject} has broadcast ${broadcast} on ${address}/${prefix}; it should be ${want}`,
        explanation:
          `${address}/${prefix} lives in a subnet whose broadcast address is ${want}, but the interface is set to broadcast to ${broadcast}, which is outside that subnet — almost always a typo (incident 001 has 192.169.0.255 on 192.168.0.87/24). ` +
          "Subnet broadcasts from this interface (DHCP relay, NetBIOS, Wake-on-LAN, some cluster heartbeats) go to the wrong place: routed to the gateway or dropped, and never seen by the neighbours. With IPMP the wrong value moves with the address on failover.",
        evidence: [c.source],
        fix: fixFor(c, want),
      });
    }
    return out;
  },
};
