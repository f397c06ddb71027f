// `lab run mpath-failover`: a server with two members holding a data address under
// `linkguard mpath`, a client sending to that address every 2 ms on a fixed schedule, a fault
// on the active member, then restore. The outage is what the client saw: its unanswered
// sequence numbers.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { requireTools } from "../host/tools.js";
import { systemClock } from "../lib/clock.js";
import type { MpathRecord } from "../mpath/status.js";
import { listEvents } from "../store/queries.js";
import { injectFault } from "./faults.js";
import { mpathArgv } from "./harness/argv.js";
import { mpathLabConfig, renderConfig } from "./harness/config.js";
import { jsonRecord, type RunningDaemon, startDaemon } from "./harness/daemon.js";
import { EventLog } from "./harness/event-log.js";
import { onInterrupt } from "./harness/interrupt.js";
import { inLabNamespace } from "./harness/launch.js";
import { IpBatch } from "./ip-batch.js";
import { labDown, labUp } from "./lab.js";
import { MPATH_DATA, MPATH_TOPOLOGY, MPATH_TWO_SWITCHES } from "./mpath-topologies.js";

type MpathScenarioName = "mpath-failover" | "mpath-standby" | "mpath-two-switches" | "mpath-soak";
type MpathFault = "cut" | "silent-drop" | "switch-silent" | "none";

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

/** What the echo (udp-echo.js) and the client (udp-sender.js) say, one JSON line each. */
type ClientLine =
  | { kind: "listening"; address: string; port: number }
  | { kind: "answered"; seq: number }
  | {
      kind: "report";
      interval_ms: number;
      sent: number;
      answered: number;
      gaps: { first_seq: number; count: number; from_ms: number; to_ms: number }[];
    };

/**
 * Holds, not waits: traffic flows a while before the fault (a false failover would show
 * there), the fault stays a while after the move (or for the whole window when nothing may
 * move), and the client keeps sending a while after failback (its outage is measured to the
 * end of that hold). Everything the run waits *for* is an event, with a bound.
 */
const BASELINE_MS = 1000;
const AFTER_MOVE_MS = 1000;
const NO_MOVE_MS = 2000;

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
  const clock = systemClock;
  const records = new EventLog<MpathRecord>(clock);
  const echoLines = new EventLog<ClientLine>(clock);
  const clientLines = new EventLog<ClientLine>(clock);
  const daemons: RunningDaemon[] = [];
  const twoSwitches = scenario === "mpath-two-switches";
  const lab = await labUp(twoSwitches ? MPATH_TWO_SWITCHES : MPATH_TOPOLOGY);
  // Interrupted, the run still removes its lab (before, Ctrl-C left it for `lab down`).
  const unhook = onInterrupt(async () => {
    await Promise.all(daemons.map((d) => d.stop(0)));
    await labDown(lab.id);
    rmSync(tmp, { recursive: true, force: true });
  });
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
  /** A record of this kind stamped at or after `after`; a missing one is logged, not thrown. */
  const move = (kind: "failover" | "failback", after: number, ms: number) =>
    records
      .waitFor(kind, (r) => r.kind === kind && r.t_ms >= after, ms)
      .catch((e: Error) => log(e.message));
  try {
    const config = join(tmp, "linkguard.yaml");
    writeFileSync(
      config,
      renderConfig(
        mpathLabConfig({
          statusFile: join(tmp, "mpath.json"),
          store: join(tmp, "mpath.db"),
          data: MPATH_DATA,
          standby: opts.standby ?? [],
          failureDetectionMs: opts.failureDetectionMs ?? 100,
          target: "10.77.0.1",
        }),
      ),
    );
    const server = lab.ns("server");
    const node = process.execPath;
    const dataIp = MPATH_DATA.split("/")[0] as string;
    const daemon = startDaemon<MpathRecord>({
      name: "mpath",
      launch: inLabNamespace(server, mpathArgv({ node, main: MAIN, config })),
      parse: (line) => {
        const r = jsonRecord<MpathRecord>(line);
        if (r) log(`${r.kind} ${r.detail}`);
        return r;
      },
      events: records,
      clock,
      log,
    });
    daemons.push(daemon);
    await records.waitFor("mpath-started", (r) => r.kind === "mpath-started", 15_000);
    // The echo binds the data address, which exists once mpath has placed it.
    daemons.push(
      startDaemon<ClientLine>({
        name: "udp-echo",
        launch: inLabNamespace(server, [node, join(DIST_LAB, "udp-echo.js"), "7777", dataIp]),
        parse: jsonRecord<ClientLine>,
        events: echoLines,
        clock,
        log,
      }),
    );
    await echoLines.waitFor("udp-echo listening", (l) => l.kind === "listening", 5_000);
    const sender = startDaemon<ClientLine>({
      name: "udp-sender",
      launch: inLabNamespace(lab.ns("client"), [
        node,
        join(DIST_LAB, "udp-sender.js"),
        dataIp,
        "7777",
        "2",
      ]),
      parse: jsonRecord<ClientLine>,
      events: clientLines,
      clock,
      log,
    });
    daemons.push(sender);
    await clientLines.waitFor("the client's first answer", (l) => l.kind === "answered", 5_000);
    await sleep(BASELINE_MS);

    if (scenario === "mpath-soak") {
      // Random loss on both members, below the failure threshold: nothing may move.
      for (const m of ["server:eth0", "server:eth1"])
        await injectFault(lab, m, "loss", { percent: opts.lossPercent ?? 5 });
    }
    const at_ms = Date.now();
    await apply(false);
    const expectMove = opts.fault !== "none" && !(opts.standby ?? []).includes(member);
    if (expectMove) {
      await move("failover", at_ms, 5_000);
      await sleep(AFTER_MOVE_MS);
    } else await sleep(scenario === "mpath-soak" ? (opts.soakMs ?? 120_000) : NO_MOVE_MS);
    const restored_ms = Date.now();
    await apply(true);
    if (scenario === "mpath-soak")
      for (const m of ["server:eth0", "server:eth1"]) await injectFault(lab, m, "restore");
    if (expectMove) await move("failback", restored_ms, 10_000);
    await sleep(AFTER_MOVE_MS);

    // Outages are measured up to here: what teardown does to the client is not the fault's.
    const measured_until_ms = Date.now();
    await daemon.stop(5_000);
    const stored = readStored(join(tmp, "mpath.db"));
    await sender.stop(5_000);
    const client = clientLines.all().find((l) => l.kind === "report");
    const gaps = client?.gaps ?? [];
    const interval = client?.interval_ms ?? 0;
    const longest = (from: number, to: number) => {
      const within = gaps.filter((g) => g.to_ms >= from && g.from_ms < to);
      return within.length === 0 ? 0 : Math.max(...within.map((g) => g.count * interval));
    };
    const all = [...records.all()];
    const moves = all.filter((r) => r.kind === "failover" || r.kind === "failback");
    return {
      scenario,
      fault: {
        kind: opts.fault,
        link: twoSwitches && opts.fault === "switch-silent" ? sw : link,
        at_ms,
        restored_ms,
      },
      outage_ms: client ? longest(at_ms, restored_ms) : null,
      failback_outage_ms: client ? longest(restored_ms, measured_until_ms) : null,
      stored,
      false_failovers: moves.filter((r) => r.t_ms < at_ms).length,
      moves,
      events: all,
      client: {
        interval_ms: interval,
        sent: client?.sent ?? 0,
        answered: client?.answered ?? 0,
      },
      gaps: gaps.map((g) => ({
        at_ms: Math.round(g.from_ms - at_ms),
        lost: g.count,
        ms: g.count * interval,
      })),
      ok: expectMove
        ? moves.some((r) => r.kind === "failover" && r.t_ms >= at_ms) &&
          moves.some((r) => r.kind === "failback" && r.t_ms >= restored_ms)
        : moves.length === 0,
    };
  } finally {
    unhook();
    await Promise.all(daemons.map((d) => d.stop(2_000)));
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
