// `lab run mpath-failover`: a server with two members holding a data address under
// `linkguard mpath`, a client sending to that address every 2 ms on a fixed schedule, a fault
// on the active member, then restore. The outage is what the client saw: its unanswered
// sequence numbers.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { requireTools } from "../host/tools.js";
import type { MpathRecord } from "../mpath/status.js";
import { listEvents } from "../store/queries.js";
import { injectFault } from "./faults.js";
import { IpBatch } from "./ip-batch.js";
import { labDown, labUp } from "./lab.js";
import { DUAL_HOMED } from "./topologies.js";
import type { TopologySpec } from "./topology.js";

export const MPATH_DATA = "10.77.0.50/24";

/** dual-homed plus a client on the same switch. */
export const MPATH_TOPOLOGY: TopologySpec = {
  ...DUAL_HOMED,
  name: "mpath",
  description: "dual-homed server (eth0, eth1) under mpath, a client and the gateway on switch sw",
  hosts: [
    ...DUAL_HOMED.hosts,
    { name: "client", interfaces: [{ name: "eth0", addresses: ["10.77.0.2/24"], switch: "sw" }] },
  ],
};

/** Two access switches joined by a core switch: each member on its own switch. */
export const MPATH_TWO_SWITCHES: TopologySpec = {
  name: "mpath-two-switches",
  description:
    "server eth0 on sw1, eth1 on sw2; both switches uplinked to core, where gw and client are",
  switches: ["sw1", "sw2", "core"],
  uplinks: [
    ["sw1", "core"],
    ["sw2", "core"],
  ],
  hosts: [
    {
      name: "server",
      interfaces: [
        { name: "eth0", addresses: ["10.77.0.10/24"], switch: "sw1" },
        { name: "eth1", addresses: ["10.77.0.11/24"], switch: "sw2" },
      ],
      defaultRoute: "10.77.0.1",
      sysctls: DUAL_HOMED.hosts[0]?.sysctls ?? {},
    },
    { name: "gw", interfaces: [{ name: "eth0", addresses: ["10.77.0.1/24"], switch: "core" }] },
    { name: "client", interfaces: [{ name: "eth0", addresses: ["10.77.0.2/24"], switch: "core" }] },
  ],
};

export type MpathScenarioName =
  | "mpath-failover"
  | "mpath-standby"
  | "mpath-two-switches"
  | "mpath-soak";
export type MpathFault = "cut" | "silent-drop" | "switch-silent" | "none";

export interface MpathRunOptions {
  scenario?: MpathScenarioName;
  fault: MpathFault;
  /** The member the fault hits (default eth0, the active one). */
  member?: "eth0" | "eth1";
  standby?: string[];
  failureDetectionMs?: number;
  /** mpath-soak: how long, and the random loss on both members (percent). */
  soakMs?: number;
  lossPercent?: number;
  log?: (l: string) => void;
}

export interface MpathRunReport {
  scenario: MpathScenarioName;
  fault: { kind: MpathFault; link: string; at_ms: number; restored_ms: number };
  /** Longest run of unanswered client datagrams after the fault, in ms. */
  outage_ms: number | null;
  failback_outage_ms: number | null;
  false_failovers: number;
  moves: MpathRecord[];
  events: MpathRecord[];
  client: { interval_ms: number; sent: number; answered: number };
  /** Unanswered runs seen by the client, from the fault's instant. */
  gaps: { at_ms: number; lost: number; ms: number }[];
  /** Event kinds the daemon recorded in its store, in order. */
  stored: string[];
  ok: boolean;
}

const DIST_LAB = fileURLToPath(new URL(".", import.meta.url));
const MAIN = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SenderReport {
  interval_ms: number;
  sent: number;
  answered: number;
  gaps: { first_seq: number; count: number; from_ms: number; to_ms: number }[];
}

/** The failover scenario: a cut or a silent drop of the active member, then restore. */
export function runMpathFailover(opts: MpathRunOptions): Promise<MpathRunReport> {
  return runMpathScenario({ ...opts, scenario: "mpath-failover" });
}

export async function runMpathScenario(opts: MpathRunOptions): Promise<MpathRunReport> {
  const scenario = opts.scenario ?? "mpath-failover";
  // Without ping or arping the daemon sees no probe answers and sends no announcement: what
  // the client then loses would be printed as an outage. Refuse before anything starts.
  requireTools(`lab run ${scenario}`, [
    "ip",
    "bridge",
    "ping",
    "arping",
    "stdbuf",
    ...(scenario === "mpath-soak" ? (["nft"] as const) : []),
  ]);
  const member = opts.member ?? "eth0";
  const link = `server:${member}`;
  const log = opts.log ?? (() => undefined);
  const tmp = mkdtempSync(join(tmpdir(), "linkguard-mpath-"));
  const records: MpathRecord[] = [];
  const children: ChildProcess[] = [];
  const twoSwitches = scenario === "mpath-two-switches";
  const lab = await labUp(twoSwitches ? MPATH_TWO_SWITCHES : MPATH_TOPOLOGY);
  // The switch of the member the fault hits.
  const sw = twoSwitches ? (member === "eth0" ? "sw1" : "sw2") : "sw";
  const batch = new IpBatch(lab.ns(sw));
  const bridge = new IpBatch(lab.ns(sw), "bridge");
  const port = `server-${member}`;
  // Written at once; a fault the switch refused fails the run instead of being measured.
  const apply = async (restore: boolean) => {
    if (opts.fault === "cut") await batch.send(["link", "set", port, restore ? "up" : "down"]);
    else if (opts.fault === "silent-drop")
      await bridge.send(["link", "set", "dev", port, "state", restore ? "3" : "0"]);
    // The whole switch stops forwarding; every cable on it keeps its carrier.
    else if (opts.fault === "switch-silent")
      await batch.send(["link", "set", "br0", restore ? "up" : "down"]);
  };
  const until = async (what: string, ms: number, ok: () => boolean) => {
    const end = Date.now() + ms;
    while (Date.now() < end && !ok()) await sleep(5);
    if (!ok()) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
  };
  try {
    const config = join(tmp, "linkguard.yaml");
    const fdt = opts.failureDetectionMs ?? 100;
    writeFileSync(
      config,
      `mpath:\n  status_file: ${join(tmp, "mpath.json")}\n  store: { path: ${join(tmp, "mpath.db")} }\n  groups:\n    - name: web\n      members: [eth0, eth1]\n      standby: [${(opts.standby ?? []).join(", ")}]\n      data_addresses: { eth0: [${MPATH_DATA}] }\n      failure_detection_ms: ${fdt}\n      targets: [10.77.0.1]\n      auto_targets: false\n      link_up_grace_ms: 0\n      announce_count: 2\n`,
    );
    const server = lab.ns("server");
    const daemon = spawn(
      "ip",
      ["netns", "exec", server, process.execPath, MAIN, "mpath", "run", "--config", config],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(daemon);
    daemon.stderr?.on("data", (d: Buffer) => log(d.toString().trimEnd()));
    let rest = "";
    daemon.stdout?.on("data", (d: Buffer) => {
      const lines = (rest + d.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) {
        if (!l.startsWith("{")) continue;
        const r = JSON.parse(l) as MpathRecord;
        records.push(r);
        log(`${r.kind} ${r.detail}`);
      }
    });
    await until("mpath-started", 15_000, () => records.some((r) => r.kind === "mpath-started"));
    // The echo binds the data address, which exists once mpath has placed it.
    children.push(
      spawn(
        "ip",
        [
          "netns",
          "exec",
          server,
          process.execPath,
          join(DIST_LAB, "udp-echo.js"),
          "7777",
          MPATH_DATA.split("/")[0] as string,
        ],
        { stdio: "ignore" },
      ),
    );

    await sleep(1000);
    const sender = spawn(
      "ip",
      [
        "netns",
        "exec",
        lab.ns("client"),
        process.execPath,
        join(DIST_LAB, "udp-sender.js"),
        MPATH_DATA.split("/")[0] as string,
        "7777",
        "2",
      ],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    children.push(sender);
    let senderOut = "";
    sender.stdout?.on("data", (d: Buffer) => {
      senderOut += d.toString();
    });
    await sleep(1000);

    if (scenario === "mpath-soak") {
      // Random loss on both members, below the failure threshold: nothing may move.
      for (const m of ["server:eth0", "server:eth1"])
        await injectFault(lab, m, "loss", { percent: opts.lossPercent ?? 5 });
    }
    const at_ms = Date.now();
    await apply(false);
    const expectMove = opts.fault !== "none" && !(opts.standby ?? []).includes(member);
    if (expectMove) {
      await until("failover", 5_000, () =>
        records.some((r) => r.kind === "failover" && r.t_ms >= at_ms),
      ).catch((e: Error) => log(e.message));
      await sleep(1000);
    } else await sleep(scenario === "mpath-soak" ? (opts.soakMs ?? 120_000) : 2000);
    const restored_ms = Date.now();
    await apply(true);
    if (scenario === "mpath-soak")
      for (const m of ["server:eth0", "server:eth1"]) await injectFault(lab, m, "restore");
    if (expectMove) {
      await until("failback", 10_000, () =>
        records.some((r) => r.kind === "failback" && r.t_ms >= restored_ms),
      ).catch((e: Error) => log(e.message));
    }
    await sleep(1000);

    // Outages are measured up to here: what teardown does to the client is not the fault's.
    const measured_until_ms = Date.now();
    daemon.kill("SIGTERM");
    await new Promise((r) => (daemon.exitCode === null ? daemon.once("exit", r) : r(null)));
    const stored = readStored(join(tmp, "mpath.db"));
    sender.kill("SIGTERM");
    await new Promise((r) => sender.once("exit", r));
    const client = JSON.parse(senderOut.trim() || "{}") as SenderReport;
    const longest = (from: number, to: number) => {
      const gaps = (client.gaps ?? []).filter((g) => g.to_ms >= from && g.from_ms < to);
      return gaps.length === 0 ? 0 : Math.max(...gaps.map((g) => g.count * client.interval_ms));
    };
    const moves = records.filter((r) => r.kind === "failover" || r.kind === "failback");
    const report: MpathRunReport = {
      scenario,
      fault: {
        kind: opts.fault,
        link: twoSwitches && opts.fault === "switch-silent" ? sw : link,
        at_ms,
        restored_ms,
      },
      outage_ms: client.gaps ? longest(at_ms, restored_ms) : null,
      failback_outage_ms: client.gaps ? longest(restored_ms, measured_until_ms) : null,
      stored,
      false_failovers: moves.filter((r) => r.t_ms < at_ms).length,
      moves,
      events: records,
      client: { interval_ms: client.interval_ms, sent: client.sent, answered: client.answered },
      gaps: (client.gaps ?? []).map((g) => ({
        at_ms: Math.round(g.from_ms - at_ms),
        lost: g.count,
        ms: g.count * client.interval_ms,
      })),
      ok: expectMove
        ? moves.some((r) => r.kind === "failover" && r.t_ms >= at_ms) &&
          moves.some((r) => r.kind === "failback" && r.t_ms >= restored_ms)
        : moves.length === 0,
    };
    return report;
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    // Best effort: the lab is removed next either way.
    await apply(true).catch(() => undefined);
    batch.close();
    bridge.close();
    await labDown(lab.id);
    rmSync(tmp, { recursive: true, force: true });
  }
}

function readStored(path: string): string[] {
  try {
    const db = new Database(path, { readonly: true });
    try {
      return listEvents(db, { since: 0 }).map((e) => e.kind);
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}
