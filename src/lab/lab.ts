// Building and tearing down a lab in the real kernel: `ip netns`, veth pairs created straight
// into their namespaces (nothing lands in the host's own namespace), a bridge per switch.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../host/exec.js";
import { requireTools } from "../host/tools.js";
import { assertRunId, LAB_PREFIX, namespaceName, newRunId, runIdOf } from "./names.js";
import { makeLabStateDir, readLabStateDir } from "./state-dir.js";
import { linksOf, type TopologySpec, validateTopology } from "./topology.js";
import { vmLabDown } from "./vm/vm-lab.js";

/** Where `lab up` records a lab so `lab fault`/`lab exec` in another process can find it. */
const LAB_STATE_DIR = process.env.LINKGUARD_LAB_STATE ?? "/run/linkguard/lab";

interface LabRecord {
  id: string;
  topology: TopologySpec;
  created_ms: number;
}

export interface Lab extends LabRecord {
  ns(node: string): string;
}

function labOf(record: LabRecord): Lab {
  return {
    ...record,
    ns(node: string) {
      const known = [...record.topology.switches, ...record.topology.hosts.map((h) => h.name)];
      if (!known.includes(node))
        throw new Error(`lab ${record.id} has no node "${node}" (${known.join(", ")})`);
      return namespaceName(record.id, node);
    },
  };
}

/** Runs `ip` inside a namespace. */
export function ipIn(ns: string, args: string[]): Promise<string> {
  return run(["ip", "-n", ns, ...args]);
}

export function execIn(ns: string, argv: string[], timeoutMs = 10_000): Promise<string> {
  return run(["ip", "netns", "exec", ns, ...argv], { timeoutMs });
}

export async function labUp(topology: TopologySpec, id = newRunId()): Promise<Lab> {
  validateTopology(topology);
  requireTools("lab up", ["ip"]);
  assertRunId(id);
  const lab = labOf({ id, topology, created_ms: Date.now() });
  saveRecord(lab);
  try {
    await build(lab);
  } catch (err) {
    await labDown(id);
    throw err;
  }
  return lab;
}

async function build(lab: Lab): Promise<void> {
  const t = lab.topology;
  for (const node of [...t.switches, ...t.hosts.map((h) => h.name)]) {
    await run(["ip", "netns", "add", lab.ns(node)]);
    await ipIn(lab.ns(node), ["link", "set", "lo", "up"]);
  }
  for (const sw of t.switches) {
    await ipIn(lab.ns(sw), ["link", "add", "br0", "type", "bridge"]);
    await ipIn(lab.ns(sw), ["link", "set", "br0", "up"]);
  }
  for (const l of linksOf(t)) {
    const hostNs = lab.ns(l.host);
    const swNs = lab.ns(l.switch);
    await ipIn(hostNs, [
      "link",
      "add",
      l.ifname,
      "type",
      "veth",
      "peer",
      "name",
      l.port,
      "netns",
      swNs,
    ]);
    await ipIn(swNs, ["link", "set", l.port, "master", "br0"]);
    await ipIn(swNs, ["link", "set", l.port, "up"]);
  }
  for (const [a, b] of t.uplinks ?? []) {
    const [pa, pb] = [`up-${b}`.slice(0, 15), `up-${a}`.slice(0, 15)];
    await ipIn(lab.ns(a), [
      "link",
      "add",
      pa,
      "type",
      "veth",
      "peer",
      "name",
      pb,
      "netns",
      lab.ns(b),
    ]);
    for (const [sw, port] of [
      [a, pa],
      [b, pb],
    ] as const) {
      await ipIn(lab.ns(sw), ["link", "set", port, "master", "br0"]);
      await ipIn(lab.ns(sw), ["link", "set", port, "up"]);
    }
  }
  for (const h of t.hosts) {
    const ns = lab.ns(h.name);
    for (const i of h.interfaces) {
      for (const a of i.addresses ?? []) await ipIn(ns, ["address", "add", a, "dev", i.name]);
      await ipIn(ns, ["link", "set", i.name, "up"]);
    }
    for (const a of h.loopback ?? []) await ipIn(ns, ["address", "add", a, "dev", "lo"]);
    if (h.defaultRoute) await ipIn(ns, ["route", "add", "default", "via", h.defaultRoute]);
    for (const [k, v] of Object.entries(h.sysctls ?? {})) await setSysctl(ns, k, v);
  }
}

export function setSysctl(ns: string, key: string, value: string): Promise<string> {
  return execIn(ns, ["sysctl", "-q", "-w", `${key}=${value}`]);
}

/** Lab namespaces that exist now, by run id. */
export async function listLabNamespaces(): Promise<Map<string, string[]>> {
  const out = await run(["ip", "netns", "list"]);
  const byId = new Map<string, string[]>();
  for (const line of out.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    const id = name.startsWith(LAB_PREFIX) ? runIdOf(name) : undefined;
    if (id) byId.set(id, [...(byId.get(id) ?? []), name]);
  }
  return byId;
}

/**
 * Removes the lab `id`, or every lab namespace and VM lab when no id is given (leftovers of
 * crashed runs included). Deleting a namespace deletes its veth ends and bridges with it.
 */
export async function labDown(id?: string): Promise<string[]> {
  // VMs first (by recorded PID), then their taps; the namespaces below include their blackhole.
  const removed: string[] = await vmLabDown(id);
  const labs = await listLabNamespaces();
  for (const [runId, names] of labs) {
    if (id !== undefined && runId !== id) continue;
    for (const name of names) {
      await stopProcessesIn(name);
      await run(["ip", "netns", "delete", name]).catch(() => undefined);
      removed.push(name);
    }
  }
  for (const r of listRecords()) {
    if (id === undefined || r.id === id) rmSync(recordPath(r.id), { force: true });
  }
  return removed;
}

/**
 * Processes still inside a lab namespace (a watcher or prober orphaned by a killed `lab run`)
 * were started by the lab: stop them by PID, TERM first, KILL after a bounded wait.
 */
async function stopProcessesIn(ns: string): Promise<void> {
  const pids = async () =>
    (await run(["ip", "netns", "pids", ns]).catch(() => ""))
      .split("\n")
      .map(Number)
      .filter((p) => Number.isInteger(p) && p > 1 && p !== process.pid);
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    const list = await pids();
    if (list.length === 0) return;
    for (const pid of list) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 20 && (await pids()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
  }
}

function recordPath(id: string): string {
  return join(LAB_STATE_DIR, `${id}.json`);
}

function saveRecord(record: LabRecord): void {
  makeLabStateDir(LAB_STATE_DIR);
  const { id, topology, created_ms } = record;
  writeFileSync(recordPath(id), `${JSON.stringify({ id, topology, created_ms }, null, 2)}\n`);
}

function listRecords(): LabRecord[] {
  return readLabStateDir(LAB_STATE_DIR)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(join(LAB_STATE_DIR, f), "utf8")) as LabRecord];
      } catch {
        return [];
      }
    });
}

/** The lab `id`, or the most recent one when no id is given. */
export function findLab(id?: string): Lab {
  const records = listRecords().sort((a, b) => b.created_ms - a.created_ms);
  const r = id === undefined ? records[0] : records.find((x) => x.id === id);
  if (!r)
    throw new Error(
      id
        ? `no lab "${id}" (see: linkguard lab list)`
        : "no lab is up (linkguard lab up dual-homed)",
    );
  return labOf(r);
}

export function listLabs(): Lab[] {
  return listRecords().map(labOf);
}
