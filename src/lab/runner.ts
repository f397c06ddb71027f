// `lab run`: build the scenario's lab, start a real watcher inside the host's namespace,
// inject the fault at a recorded instant, wait (bounded) for the events, restore, report,
// and always tear down — on error, on SIGINT/SIGTERM, in `finally`.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { EventKind, Incident, WatchEvent } from "../events/types.js";
import { requireTools, type Tool } from "../host/tools.js";
import { systemClock } from "../lib/clock.js";
import { listIncidents } from "../store/queries.js";
import { type RunningSender, type SenderSpec, startSender } from "./discovery-sender.js";
import { FAULT_TOOLS, injectFault } from "./faults.js";
import { watchArgv } from "./harness/argv.js";
import { jsonRecord, type RunningDaemon, startDaemon } from "./harness/daemon.js";
import { EventLog } from "./harness/event-log.js";
import { onInterrupt } from "./harness/interrupt.js";
import { inLabNamespace } from "./harness/launch.js";
import { IpBatch } from "./ip-batch.js";
import { type Lab, labDown, labUp } from "./lab.js";
import type { Scenario } from "./scenarios.js";

export interface RunReport {
  scenario: string;
  lab: string;
  fault: { kind: string; link: string; at_ms: number };
  events: { t_ms: number; dt_ms: number; kind: EventKind; subject: string; detail: string }[];
  incidents: Incident[];
  /** From fault injection to the first event of the scenario's `detect` kinds. */
  detection_ms: number | null;
  missing: EventKind[];
  ok: boolean;
}

export interface RunOptions {
  /** Upper bound for each wait for an event. */
  waitMs?: number;
  log?: (line: string) => void;
  /** More `watch` flags (sinks, say), after the scenario's own. */
  watchArgs?: string[];
  /** Runs once the lab is up, before the watcher starts (e.g. a server inside a namespace). */
  prepare?: (lab: Lab) => Promise<void>;
  /** Runs after the expected events, before restore: `neighbours` is the watcher's table file. */
  inspect?: (lab: Lab, files: { neighbours: string }) => Promise<void>;
}

const MAIN = fileURLToPath(new URL("../cli/main.js", import.meta.url));
/**
 * A hold before the fault, not a wait: the watcher's probes need a baseline (RTT, a few
 * answers) before a loss means anything, and nothing announces that they have one.
 */
const BASELINE_MS = 1500;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** What a scenario's fault runs; recable and discovery-stop only change what the senders send. */
const SCENARIO_FAULT_TOOLS: Record<Scenario["fault"]["kind"], readonly Tool[]> = {
  ...FAULT_TOOLS,
  recable: [],
  "discovery-stop": [],
};

export async function runScenario(s: Scenario, opts: RunOptions = {}): Promise<RunReport> {
  // The watcher probes with ping; restore puts the bridge port back; then the fault's own, and
  // python3 for switch ports that announce themselves (LLDP/CDP frames from a packet socket).
  requireTools(`lab run ${s.name}`, [
    "ip",
    "bridge",
    "ping",
    ...SCENARIO_FAULT_TOOLS[s.fault.kind],
    ...(s.senders?.length ? (["python3"] as const) : []),
  ]);
  const waitMs = opts.waitMs ?? 10_000;
  const log = opts.log ?? (() => undefined);
  const tmp = mkdtempSync(join(tmpdir(), "linkguard-lab-"));
  const db = join(tmp, "watch.db");
  const neighbours = join(tmp, "neighbours.jsonl");
  const senders = new Map<string, RunningSender>();
  const events = new EventLog<WatchEvent>(systemClock);
  const children: ChildProcess[] = [];
  let watcher: RunningDaemon | undefined;
  let labId: string | undefined;
  let batch: IpBatch | undefined;
  const unhook = onInterrupt(async () => {
    for (const c of children) c.kill("SIGKILL");
    await watcher?.stop(0);
    if (labId) await labDown(labId);
  });

  /** The first event of this kind (about this interface) stamped at or after `after`. */
  const waitFor = async (kind: EventKind, ifname?: string, after = 0): Promise<void> => {
    await events.waitFor(
      `${kind}${ifname ? ` on ${ifname}` : ""}`,
      (e) => e.kind === kind && e.t_ms >= after && (ifname === undefined || e.ifname === ifname),
      waitMs,
    );
  };

  try {
    const lab = await labUp(s.topology);
    labId = lab.id;
    log(`lab ${lab.id} up (${s.topology.name})`);
    await opts.prepare?.(lab);
    const startOne = (spec: SenderSpec) => {
      void senders.get(spec.link)?.stop();
      senders.set(spec.link, startSender(lab, spec, log));
    };
    for (const spec of s.senders ?? []) startOne(spec);
    const senderControl = {
      start: startOne,
      stop: (link: string) => {
        void senders.get(link)?.stop();
        senders.delete(link);
      },
    };
    if (s.hellos) {
      const h = s.hellos;
      children.push(
        spawn(
          "ip",
          [
            "netns",
            "exec",
            lab.ns(h.host),
            "arping",
            "-q",
            "-U",
            "-I",
            h.ifname,
            "-i",
            "1",
            "-c",
            "600",
            h.address,
          ],
          { stdio: "ignore" },
        ),
      );
    }
    // A watcher that dies fails every wait at once, with its last words.
    watcher = startDaemon<WatchEvent>({
      name: "the watcher",
      launch: inLabNamespace(
        lab.ns(s.watchHost),
        watchArgv({
          node: process.execPath,
          main: MAIN,
          config: "/dev/null",
          db,
          lldp: neighbours,
          host: s.watchHost,
          args: s.watchArgs,
        }),
      ),
      parse: jsonRecord<WatchEvent>,
      events,
      clock: systemClock,
      log,
    });
    await waitFor("watcher-started");
    const link = lab.topology.hosts.flatMap((h) =>
      h.interfaces.map((i) => ({ id: `${h.name}:${i.name}`, sw: i.switch })),
    );
    batch = new IpBatch(
      lab.ns(link.find((l) => l.id === s.fault.link)?.sw ?? s.topology.switches[0] ?? ""),
    );
    await sleep(BASELINE_MS);
    const at_ms = Date.now();
    log(`fault ${s.fault.kind} on ${s.fault.link}`);
    await s.run({
      lab,
      batch,
      waitFor: (k, i) => waitFor(k, i, at_ms),
      sleep,
      senders: senderControl,
    });
    for (const k of s.expect)
      await waitFor(k, undefined, at_ms).catch((err: Error) => log(err.message));
    await opts.inspect?.(lab, { neighbours });
    await sleep(s.holdMs ?? 1000);
    const restored = Date.now();
    const kind = s.fault.kind;
    if (kind !== "recable" && kind !== "discovery-stop")
      await injectFault(lab, s.fault.link, "restore");
    for (const k of s.recover)
      await waitFor(k, undefined, restored).catch((err: Error) => log(err.message));
    await watcher.stop(5000);
    const all = events.all();
    const detect = all.find((e) => s.detect.includes(e.kind) && e.t_ms >= at_ms);
    const seen = new Set(all.filter((e) => e.t_ms >= at_ms).map((e) => e.kind));
    const missing = [...s.expect, ...s.recover].filter((k) => !seen.has(k));
    return {
      scenario: s.name,
      lab: lab.id,
      fault: { kind: s.fault.kind, link: s.fault.link, at_ms },
      events: all
        .filter((e) => e.t_ms >= at_ms - 500)
        .map((e) => ({
          t_ms: e.t_ms,
          dt_ms: Math.round((e.t_ms - at_ms) * 10) / 10,
          kind: e.kind,
          subject: e.subject,
          detail: e.detail,
        })),
      incidents: readIncidents(db),
      detection_ms: detect ? Math.round((detect.t_ms - at_ms) * 10) / 10 : null,
      missing,
      ok: missing.length === 0,
    };
  } finally {
    unhook();
    batch?.close();
    await Promise.all([...senders.values()].map((x) => x.stop()));
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await watcher?.stop(2000);
    if (labId) await labDown(labId);
    rmSync(tmp, { recursive: true, force: true });
  }
}

function readIncidents(path: string): Incident[] {
  try {
    const db = new Database(path, { readonly: true });
    try {
      return listIncidents(db, {});
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}
