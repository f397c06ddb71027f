// GET /api/health: what is true now. Bonds and DSR VIPs from the doctor's snapshot, mpath
// groups from the mpath daemon's state file, and the watched interfaces from the store's
// latest samples and probes. The store reads and the assembly are separate (the latter pure).
import { readFileSync } from "node:fs";
import type Database from "better-sqlite3";
import type { CabledInterface } from "../doctor/cabling.js";
import type { MpathStatusFile } from "../mpath/status.js";
import { latestProbes, latestSamples } from "../store/latest.js";
import type { HealthGroup, HealthMember, HealthResponse, MemberState } from "./api.js";
import { groupState } from "./host-groups.js";

export type InterfaceHealth = HealthResponse["interfaces"][number];

/** Latest state per interface from the last minute of samples; probes from the last 10 s. */
export function readInterfaceHealth(db: Database.Database): InterfaceHealth[] {
  const samples = latestSamples(db);
  const probes = latestProbes(db);
  return samples.map((s) => ({
    ifname: s.ifname,
    link:
      s.carrier === null
        ? "unknown"
        : s.carrier === 0
          ? "down"
          : s.flapped === 1
            ? "flapping"
            : "up",
    last_ms: s.last_ms,
    speed_mbps: s.speed_mbps,
    probes: probes
      .filter((p) => p.ifname === s.ifname)
      .map((p) => ({
        target: p.target,
        kind: p.kind,
        up: p.ok === 1,
        rtt_ms: p.ok === 1 ? p.rtt_ms : null,
      })),
  }));
}

function interfaceMember(i: InterfaceHealth): HealthMember {
  const failing = i.probes.filter((p) => p.up === false).map((p) => `${p.target} (${p.kind})`);
  const answering = i.probes.filter((p) => p.up === true).length;
  if (i.link === "down") return { name: i.ifname, state: "down", detail: "carrier lost" };
  if (i.link === "unknown")
    return { name: i.ifname, state: "unknown", detail: "no carrier state (interface gone?)" };
  if (failing.length > 0)
    return {
      name: i.ifname,
      state: "degraded",
      detail: `link up but probes to ${failing.join(", ")} go unanswered`,
    };
  if (i.link === "flapping")
    return {
      name: i.ifname,
      state: "degraded",
      detail: "carrier changed in the last minute (flapping)",
    };
  const speed = i.speed_mbps === null || i.speed_mbps <= 0 ? "" : `, ${i.speed_mbps} Mb/s`;
  const paths =
    i.probes.length === 0 ? "" : `, ${answering} probe path${answering === 1 ? "" : "s"} answering`;
  return { name: i.ifname, state: "up", detail: `link up${speed}${paths}` };
}

export function interfaceGroup(interfaces: InterfaceHealth[]): HealthGroup {
  const members = interfaces.map(interfaceMember);
  return {
    kind: "interface",
    name: "watched interfaces",
    detail: `${interfaces.length} interface${interfaces.length === 1 ? "" : "s"} in the watcher's store`,
    state: groupState(members),
    members,
  };
}

const MPATH_STATE: Record<string, MemberState> = {
  active: "up",
  failed: "down",
  standby: "standby",
  inactive: "standby",
};

export function mpathGroups(status: MpathStatusFile): HealthGroup[] {
  return status.groups.map((g) => ({
    kind: "mpath",
    name: g.name,
    detail: `IPMP-style group, ${g.addresses.length} data address${g.addresses.length === 1 ? "" : "es"}`,
    state: g.state,
    members: g.members.map((m) => {
      const link = m.link === null ? "link unknown" : m.link ? "link up" : "link down";
      const holds = g.addresses.filter((a) => a.member === m.name).map((a) => a.address);
      const on = holds.length > 0 ? `, holds ${holds.join(", ")}` : "";
      return {
        name: m.name,
        state: MPATH_STATE[m.state] ?? "unknown",
        detail: `${m.state}: ${link}, probes ${m.probes}${on}`,
      };
    }),
  }));
}

/** The mpath daemon's state file, or null when there is none (or it is not JSON). */
export function readMpathStatus(path: string | null): MpathStatusFile | null {
  if (path === null) return null;
  try {
    const s = JSON.parse(readFileSync(path, "utf8")) as MpathStatusFile;
    return Array.isArray(s.groups) ? s : null;
  } catch {
    return null;
  }
}

/** Members that have no neighbour yet get the one the doctor knows (mpath groups, watched). */
export function withCabling(
  groups: HealthGroup[],
  cabling: readonly CabledInterface[] | undefined,
): HealthGroup[] {
  if (cabling === undefined || cabling.length === 0) return groups;
  const where = (name: string) => {
    const c =
      cabling.find((x) => x.interface === name && x.protocol === "lldp") ??
      cabling.find((x) => x.interface === name);
    return c === undefined ? undefined : `${c.switch ?? "?"} ${c.port_id ?? "?"}`;
  };
  return groups.map((g) => ({
    ...g,
    members: g.members.map((m) => {
      const n = m.neighbour ?? where(m.name);
      return n === undefined ? m : { ...m, neighbour: n };
    }),
  }));
}
