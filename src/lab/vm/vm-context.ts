// The context a VM scenario runs with: every call records into the report (fault instants,
// the watchers' events as they stream in, doctor views, /proc/net/bonding reads, outages,
// checks), and every wait is bounded.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { systemClock } from "../../lib/clock.js";
import { watchArgv } from "../harness/argv.js";
import { renderConfig } from "../harness/config.js";
import { jsonRecord, type RunningDaemon, startDaemon } from "../harness/daemon.js";
import { EventLog } from "../harness/event-log.js";
import { inVm } from "../harness/launch.js";
import { pingStats } from "./outage.js";
import { recordSnapshot } from "./record.js";
import type { VmLab } from "./vm-lab.js";
import {
  type DoctorView,
  GUEST_MAIN,
  NOBODY,
  type VmEvent,
  type VmReport,
  type VmScenarioContext,
} from "./vm-scenario.js";
import { applyWireFault } from "./wire-faults.js";

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export interface ContextOptions {
  scenario: string;
  log: (line: string) => void;
  recordDir?: string | undefined;
}

/** The scenario's context over a lab that is up, and a way to stop its watchers at the end. */
export function makeContext(
  l: VmLab,
  report: VmReport,
  opts: ContextOptions,
): { ctx: VmScenarioContext; stopWatchers(): Promise<void> } {
  const log = opts.log;
  // The watchers' events, all VMs in one log: the report's own list.
  const events = new EventLog<VmEvent>(systemClock, report.events);
  const watchers: { vm: string; db: string; daemon: RunningDaemon }[] = [];
  let watchCount = 0;
  const firstFault = () => report.faults[0]?.at_ms;
  const ctx: VmScenarioContext = {
    lab: l,
    sleep,
    async sh(vm, script, timeoutMs = 30_000) {
      return l.ctl(vm).run(["sh", "-ec", script], { timeoutMs });
    },
    exec: (vm, argv, o) => l.ctl(vm).exec(argv, o),
    writeFile(vm, name, content) {
      if (!/^[a-z0-9][a-z0-9._-]{0,40}$/.test(name)) throw new Error(`bad file name "${name}"`);
      const dir = l.vms.find((v) => v.name === `lg-${l.id}-${vm}`)?.dir;
      if (!dir) throw new Error(`lab ${l.id} has no VM "${vm}"`);
      writeFileSync(join(dir, name), content);
      return `/tmp/lg/${name}`;
    },
    async fault(kind, link, o = {}) {
      const at_ms = Date.now();
      await applyWireFault(l, link, kind, o);
      report.faults.push({
        kind,
        link,
        at_ms,
        ...(o.direction && { detail: `direction ${o.direction}` }),
      });
      log(`fault ${kind} on ${link}${o.direction ? ` (${o.direction})` : ""}`);
      return at_ms;
    },
    async doctor(vm, label, user = "root") {
      const r = await l
        .ctl(vm)
        .exec([process.execPath, GUEST_MAIN, "doctor", "--json", "--config", "/dev/null"], {
          timeoutMs: 120_000,
          ...(user === "nobody" && NOBODY),
        });
      let parsed: { status?: string; unseen?: string[]; findings?: DoctorView["findings"] } = {};
      try {
        parsed = JSON.parse(r.stdout) as typeof parsed;
      } catch {
        throw new Error(
          `doctor in ${vm} (${user}) gave no JSON (exit ${r.code}): ${r.stderr.slice(0, 500)}`,
        );
      }
      const view: DoctorView = {
        vm,
        user,
        status: parsed.status ?? "?",
        unseen: parsed.unseen ?? [],
        findings: (parsed.findings ?? []).map((f) => ({
          rule: f.rule,
          severity: f.severity,
          subject: f.subject,
          title: f.title,
          evidence: f.evidence,
        })),
      };
      report.doctor[label] = view;
      return view;
    },
    async bonding(vm, bond, label) {
      const text = await l.ctl(vm).run(["cat", `/proc/net/bonding/${bond}`]);
      report.bonding[label] = text;
      return text;
    },
    async watch(vm, args, config) {
      const dir = l.vms.find((v) => v.name === `lg-${l.id}-${vm}`)?.dir;
      const called = Date.now();
      let cfg = "/dev/null";
      const db = `/tmp/watch-${++watchCount}.db`;
      if (config !== undefined && dir) {
        writeFileSync(join(dir, "watch.yaml"), renderConfig(config));
        cfg = "/tmp/lg/watch.yaml";
      }
      const argv = watchArgv({
        node: process.execPath,
        main: GUEST_MAIN,
        config: cfg,
        db,
        host: vm,
        args,
      });
      const daemon = startDaemon<VmEvent>({
        name: `the watcher in ${vm}`,
        launch: inVm(l.ctl(vm), argv, 1_800_000),
        parse: (line) => {
          const e = jsonRecord<Omit<VmEvent, "vm" | "t_ms" | "dt_ms"> & { t_ms?: number }>(line);
          if (!e) return undefined;
          const t_ms = Date.now();
          const first = firstFault();
          const ev: VmEvent = {
            t_ms,
            ...(typeof e.t_ms === "number" && { guest_t_ms: e.t_ms }),
            dt_ms: first === undefined ? null : t_ms - first,
            vm,
            kind: e.kind,
            ...(e.severity && { severity: e.severity }),
            subject: e.subject,
            detail: e.detail,
            ...(e.data && { data: e.data }),
          };
          log(`[${vm}] ${ev.kind} ${ev.subject}: ${ev.detail}`);
          return ev;
        },
        events,
        clock: systemClock,
        log,
      });
      watchers.push({ vm, db, daemon });
      await events.waitFor(
        `${vm}: watcher-started`,
        (e) => e.vm === vm && e.kind === "watcher-started" && e.t_ms >= called,
        120_000,
      );
    },
    async stopWatch(vm) {
      const mine = watchers.filter((w) => w.vm === vm);
      for (const w of mine) {
        await w.daemon.stop(10_000);
        watchers.splice(watchers.indexOf(w), 1);
        report.incidents.push(...(await readIncidents(l, vm, w.db)));
      }
    },
    async snapshot(vm, label) {
      if (!opts.recordDir) return;
      const name = `${opts.scenario}${label ? `-${label}` : ""}`;
      const dir = l.vms.find((v) => v.name === `lg-${l.id}-${vm}`)?.dir ?? "";
      for (const [user, as] of [
        ["root", {}],
        ["user", NOBODY],
      ] as const) {
        const out = `/tmp/snap-${name}-${user}`;
        await l.ctl(vm).run([process.execPath, GUEST_MAIN, "snapshot", "--dir", "-o", out], {
          timeoutMs: 120_000,
          ...as,
        });
        // nobody cannot write the VM's shared directory: root copies the snapshot there.
        await l.ctl(vm).run(["cp", "-r", out, `/tmp/lg/snap-${name}-${user}`]);
        recordSnapshot(
          join(dir, `snap-${name}-${user}`),
          join(opts.recordDir ?? "", `${name}-${user}`),
          {
            scenario: opts.scenario,
            label,
            user: user === "root" ? "root" : "nobody (uid 65534)",
            kernel: l.kernel.package,
            accel: l.accel.accel,
          },
        );
        log(`snapshot ${name}-${user}`);
      }
    },
    incidents: () => report.incidents as { title?: string; explanation?: string }[],
    events: () => report.events,
    outage(label, stats) {
      report.outage[label] = stats;
    },
    waitEvent(what, match, timeoutMs) {
      return events.waitFor(what, match, timeoutMs).catch((err: Error) => {
        log(err.message);
        return undefined;
      });
    },
    ping(vm, target, intervalMs = 100) {
      const lines: string[] = [];
      const p = l
        .ctl(vm)
        .stream(
          ["ping", "-D", "-n", "-O", "-i", String(intervalMs / 1000), "-W", "1", target],
          (line) => lines.push(line),
          { timeoutMs: 1_800_000 },
        );
      return {
        async stop() {
          const now = await l.ctl(vm).run(["date", "+%s.%N"]);
          p.kill("SIGINT");
          await Promise.race([p.done, sleep(5000)]);
          const sent = Math.max(0, ...lines.map((x) => Number(/icmp_seq=(\d+)/.exec(x)?.[1] ?? 0)));
          return pingStats(lines, sent, Number(now.trim()) * 1000, intervalMs);
        },
      };
    },
    check(what, ok, detail) {
      report.checks.push({ what, ok, ...(detail !== undefined && { detail }) });
      log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
    },
    note(key, value) {
      report.notes[key] = value;
    },
  };
  return {
    ctx,
    async stopWatchers() {
      for (const vm of new Set(watchers.map((w) => w.vm))) await ctx.stopWatch(vm);
    },
  };
}

/** The incidents the VM's watcher stored (read inside the VM with its own node). */
async function readIncidents(lab: VmLab, vm: string, db: string): Promise<unknown[]> {
  const r = await lab
    .ctl(vm)
    .exec([process.execPath, GUEST_MAIN, "incidents", "--db", db, "--json"], {
      timeoutMs: 60_000,
    });
  try {
    return JSON.parse(r.stdout) as unknown[];
  } catch {
    return [{ error: `could not read the incidents: ${(r.stderr || r.stdout).slice(0, 300)}` }];
  }
}
