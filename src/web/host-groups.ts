// Bonds, teams and DSR VIPs of a host snapshot as the dashboard's health groups: what is
// redundant, and which member is not pulling its weight, in a sentence a person reads. Pure.
import { loopbackVips } from "../doctor/loopback-vips.js";
import type { Finding } from "../doctor/types.js";
import type { Bond, BondSlave, HostSnapshot, Team, TeamPort } from "../host/model.js";
import { neighbourLabel } from "../host/neighbour.js";
import { isZeroMac } from "../lib/net.js";
import type { HealthGroup, HealthMember } from "./api.js";

function bondMember(bond: Bond, s: BondSlave): HealthMember {
  const mii = s.miiStatus ?? s.state;
  if (mii !== undefined && mii !== "up")
    return { name: s.name, state: "down", detail: `MII status ${mii}` };
  if (bond.mode === "802.3ad") {
    const partner = s.partner?.systemMac;
    if (partner !== undefined && isZeroMac(partner))
      return {
        name: s.name,
        state: "degraded",
        detail: `LACP partner ${partner}: no LACPDU from the switch`,
      };
    const active = bond.ad?.activeAggregator?.id;
    if (active !== undefined && s.aggregatorId !== undefined && s.aggregatorId !== active)
      return {
        name: s.name,
        state: "degraded",
        detail: `in aggregator ${s.aggregatorId}, not the active aggregator ${active}: carries no traffic`,
      };
  }
  if (
    bond.mode === "active-backup" &&
    bond.activeSlave !== undefined &&
    bond.activeSlave !== s.name
  )
    return {
      name: s.name,
      state: "standby",
      detail: `backup, link up (active: ${bond.activeSlave})`,
    };
  const speed = s.speedMbps === undefined ? "" : `, ${s.speedMbps} Mb/s`;
  return { name: s.name, state: mii === undefined ? "unknown" : "up", detail: `link up${speed}` };
}

export function groupState(members: HealthMember[]): HealthGroup["state"] {
  if (members.length === 0) return "unknown";
  const working = members.filter((m) => m.state === "up" || m.state === "standby");
  if (working.length === 0)
    return members.every((m) => m.state === "unknown") ? "unknown" : "failed";
  return working.length === members.length ? "ok" : "degraded";
}

/** A group of redundant members; one working member alone is no redundancy at all. */
function redundantState(members: HealthMember[]): HealthGroup["state"] {
  return members.length === 1 && members[0]?.state === "up" ? "degraded" : groupState(members);
}

function bondGroup(bond: Bond): HealthGroup {
  const members = bond.slaves.map((s) => bondMember(bond, s));
  return {
    kind: "bond",
    name: bond.name,
    detail: bond.modeText ?? bond.mode,
    state: redundantState(members),
    members,
  };
}

function teamMember(team: Team, p: TeamPort): HealthMember {
  if (p.linkUp === false) return { name: p.name, state: "down", detail: "link down (teamd)" };
  if (team.runner === "lacp" && p.lacpSelected === false)
    return {
      name: p.name,
      state: "degraded",
      detail: "link up, not selected by the LACP runner: carries no traffic",
    };
  if (team.runner === "activebackup" && team.activePort !== undefined && team.activePort !== p.name)
    return { name: p.name, state: "standby", detail: `backup (active: ${team.activePort})` };
  if (p.linkUp === undefined)
    return { name: p.name, state: "unknown", detail: "link not reported" };
  const speed = p.speedMbps === undefined ? "" : `, ${p.speedMbps} Mb/s`;
  return { name: p.name, state: "up", detail: `link up${speed}` };
}

function teamGroup(team: Team): HealthGroup {
  const members = team.ports.map((p) => teamMember(team, p));
  return {
    kind: "team",
    name: team.name,
    detail: team.runner === undefined ? "teamd" : `teamd runner ${team.runner}`,
    state: redundantState(members),
    members,
  };
}

function dsrGroups(snapshot: HostSnapshot, findings: readonly Finding[]): HealthGroup[] {
  const seen = new Set<string>();
  const out: HealthGroup[] = [];
  for (const vip of loopbackVips(snapshot)) {
    if (seen.has(vip.address)) continue;
    seen.add(vip.address);
    const problems = findings.filter(
      (f) =>
        f.rule.startsWith("dsr-") &&
        (f.subject.includes(vip.address) || f.subject === vip.label || f.subject === "lo"),
    );
    const member: HealthMember =
      problems.length > 0
        ? { name: vip.label, state: "degraded", detail: problems.map((f) => f.title).join("; ") }
        : { name: vip.label, state: "up", detail: `VIP held on ${vip.label} (${vip.where})` };
    const prefix = vip.prefix === undefined ? "" : `/${vip.prefix}`;
    // One member, so the findings' severity says it: a critical one breaks the VIP.
    const state =
      problems.length === 0
        ? "ok"
        : problems.some((f) => f.severity === "critical")
          ? "failed"
          : "degraded";
    out.push({
      kind: "dsr",
      name: vip.address,
      detail: `${vip.address}${prefix} on ${vip.label}`,
      state,
      members: [member],
    });
  }
  return out;
}

/** Each member with the switch and port it is cabled to, when LLDP/CDP said so. */
function withNeighbours(snapshot: HostSnapshot, g: HealthGroup): HealthGroup {
  const members = g.members.map((m) => {
    const heard = snapshot.neighbours.filter((n) => n.ifname === m.name);
    const n = heard.find((x) => x.protocol === "lldp") ?? heard[0];
    return n === undefined ? m : { ...m, neighbour: neighbourLabel(n) };
  });
  return { ...g, members };
}

/** One group per bond, per team and per DSR VIP. */
export function hostGroups(snapshot: HostSnapshot, findings: readonly Finding[]): HealthGroup[] {
  return [
    ...snapshot.bonds.map(bondGroup),
    ...snapshot.teams.map(teamGroup),
    ...dsrGroups(snapshot, findings),
  ].map((g) => withNeighbours(snapshot, g));
}
