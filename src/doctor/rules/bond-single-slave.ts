// A bond with fewer than two members is not redundant (or, with none, carries nothing).
import type { Bond, ConfiguredBond, HostSnapshot, Team } from "../../host/model.js";
import type { Evidence } from "../../lib/evidence.js";
import type { Finding, Rule, Severity } from "../types.js";
import { configOf, distinct, onHost } from "./lacp-helpers.js";

const ID = "bond-single-slave";

/** Signs that the bond is meant to carry traffic: an address, a route, configured members, UP. */
function inUse(s: HostSnapshot, name: string, cfg: ConfiguredBond | undefined): Evidence[] {
  const i = s.interfaces[name];
  const ev: Array<Evidence | undefined> = [
    ...(i?.addresses ?? []).map((a) => a.source),
    ...s.routes.filter((r) => r.dev === name).map((r) => r.source),
  ];
  if (cfg && cfg.members.length > 0) ev.push(cfg.ev.members);
  if (i?.flags.includes("UP")) ev.push(i.ev.flags ?? i.source);
  return distinct(...ev);
}

function enslave(bond: string, nic: string): string {
  return `ip link set dev ${nic} down && ip link set dev ${nic} master ${bond} && ip link set dev ${nic} up`;
}

/** How to make the membership permanent, in the format the bond is configured with. */
function persist(name: string, have: string[], nic: string, cfg: ConfiguredBond | undefined) {
  const file = cfg ? onHost(cfg.file) : "";
  switch (cfg?.format) {
    case "netplan":
      return [
        `# ${file}: bonds: ${name}: interfaces: [${[...have, nic].join(", ")}]`,
        "netplan apply",
      ];
    case "networkd":
      return [`# /etc/systemd/network/${nic}.network: [Match] Name=${nic}  [Network] Bond=${name}`];
    case "ifupdown":
      return [`# ${file}, iface ${name}: bond-slaves ${[...have, nic].join(" ")}`];
    case "nmconnection":
      return [`nmcli connection add type ethernet ifname ${nic} master ${name}`];
    default:
      return [
        `nmcli connection add type ethernet ifname ${nic} master ${name}   # NetworkManager: permanent`,
        `# or /etc/sysconfig/network-scripts/ifcfg-${nic}: DEVICE=${nic} MASTER=${name} SLAVE=yes ONBOOT=yes`,
      ];
  }
}

function finding(
  name: string,
  have: string[],
  severity: Severity,
  why: string,
  evidence: Evidence[],
  missing: string[],
  cfg: ConfiguredBond | undefined,
): Finding {
  const nic = missing[0] ?? "NIC";
  return {
    rule: ID,
    severity,
    subject: name,
    title:
      have.length === 0
        ? `${name}: bond has no members`
        : `${name}: bond has a single member (${have.join(", ")}), no redundancy`,
    explanation: why,
    evidence,
    fix: [
      ...(missing.length > 0
        ? missing.map((m) => enslave(name, m))
        : [
            `# enslave ${have.length === 0 ? "two NICs" : "a second NIC"} (on separate cards and switches if you can): ${enslave(name, "NIC")}`,
          ]),
      ...persist(name, have, nic, cfg),
    ],
  };
}

function runtime(s: HostSnapshot, b: Bond): Finding | undefined {
  if (b.slaves.length >= 2) return undefined;
  const cfg = configOf(s, b);
  const have = b.slaves.map((m) => m.name).sort();
  const missing = (cfg?.members ?? []).filter((m) => !have.includes(m)).sort();
  const cfgNote =
    missing.length > 0
      ? ` ${onHost(cfg?.file ?? "")} names ${missing.join(", ")} as well, but ${missing.length === 1 ? "it is" : "they are"} not enslaved (see also config-runtime-drift).`
      : "";
  const ev = [b.source, ...b.slaves.map((m) => m.source), ...distinct(b.ev.slaves)];
  const use = have.length === 1 ? [] : inUse(s, b.name, cfg);
  const [severity, why]: [Severity, string] =
    have.length === 1
      ? [
          "warning",
          `${b.name} runs ${b.mode} over ${have[0]} alone: one NIC, one cable, one switch port. If any of them fails the bond goes down with it; the bond adds a name, not redundancy.`,
        ]
      : use.length > 0
        ? [
            "critical",
            `${b.name} has no members, yet it is meant to carry traffic (it has an address, a route, configured members or is up): everything sent through it is dropped.`,
          ]
        : [
            "info",
            `${b.name} has no members and nothing uses it. Loading the bonding module creates an empty bond0 by default (max_bonds=1); remove it (ip link delete ${b.name}) or give it members.`,
          ];
  return finding(b.name, have, severity, why + cfgNote, [...ev, ...use], missing, cfg);
}

/** A teamd team is judged like a bond: one port is no redundancy, none carries nothing. */
function team(s: HostSnapshot, t: Team): Finding | undefined {
  if (t.ports.length >= 2) return undefined;
  const have = t.ports.map((p) => p.name).sort();
  const use = have.length === 1 ? [] : inUse(s, t.name, undefined);
  const severity: Severity = have.length === 1 ? "warning" : use.length > 0 ? "critical" : "info";
  const why =
    have.length === 1
      ? `${t.name} (teamd, runner ${t.runner ?? "unknown"}) has ${have[0]} as its only port: one NIC, one cable, one switch port. If any of them fails the team goes down with it.`
      : use.length > 0
        ? `${t.name} (teamd) has no ports, yet it is meant to carry traffic (it has an address, a route or is up): everything sent through it is dropped.`
        : `${t.name} (teamd) has no ports: teamd runs, but the team carries nothing. Add ports or stop the team.`;
  return {
    rule: ID,
    severity,
    subject: t.name,
    title:
      have.length === 0
        ? `${t.name}: team has no ports`
        : `${t.name}: team has a single port (${have[0]}), no redundancy`,
    explanation: why,
    evidence: distinct(t.source, ...use),
    fix: [
      `teamdctl ${t.name} port add NIC   # now (NIC down first: ip link set dev NIC down)`,
      `nmcli connection add type ethernet ifname NIC master ${t.name} slave-type team   # permanent (NetworkManager)`,
      `# or /etc/sysconfig/network-scripts/ifcfg-NIC: DEVICE=NIC TEAM_MASTER=${t.name} DEVICETYPE=TeamPort`,
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A bond (or teamd team) has fewer than two members",
  severity: "critical",
  doc: {
    what: "Finds running bonds (any mode) with fewer than two members, and configured bonds (ifcfg, NetworkManager, netplan, networkd, ifupdown) that name exactly one member and are not running. teamd teams (`teamdctl <team> state dump`) with fewer than two ports are judged the same way. One member: warning. No members: critical when the bond is meant to carry traffic (it has an address or a route, its configuration names members, or it is administratively up), info otherwise — an empty, unused bond0 is what loading the bonding module leaves behind.",
    why: "A bond over one NIC has one cable, one switch port and one NIC between the host and the network: any of them fails and the bond goes down with it, while dashboards and inventories count it as redundant. A bond without members that holds the host's address passes nothing at all.",
    evidence:
      "The bond's header and `Slave Interface:` lines from /proc/net/bonding (bonding/slaves in sysfs), its addresses and routes, and the configuration's member lines.",
    fix: "Enslave a second NIC, ideally on another card and cabled to another switch: `ip link set dev eno2 down && ip link set dev eno2 master bond0 && ip link set dev eno2 up`, and make it permanent (`nmcli connection add type ethernet ifname eno2 master bond0`, ifcfg `MASTER=bond0 SLAVE=yes`, netplan `interfaces: [eno1, eno2]`). Remove an unused empty bond with `ip link delete bond0`.",
    references: [
      "kernel Documentation/networking/bonding.rst: 'Configuring Bonding Manually with iproute2', 'High Availability', max_bonds",
      "netplan(5): bonds, interfaces",
      "Red Hat: Configuring network bonding (RHEL 9 'Configuring and managing networking')",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of s.bonds) {
      const f = runtime(s, b);
      if (f) out.push(f);
    }
    for (const t of s.teams) {
      const f = team(s, t);
      if (f) out.push(f);
    }
    const running = new Set(s.bonds.map((b) => b.name));
    for (const c of s.configuredBonds) {
      if (c.kind !== "bond" || running.has(c.name) || c.members.length !== 1) continue;
      const m = c.members[0] as string;
      out.push(
        finding(
          c.name,
          [m],
          "warning",
          `${onHost(c.file)} builds ${c.name} over ${m} alone: one NIC, one cable, one switch port. If any of them fails the bond goes down with it.`,
          distinct(c.ev[`member:${m}`] ?? c.ev.members, c.ev.mode),
          [],
          c,
        ),
      );
    }
    return out;
  },
};
