// `lab run` for VM scenarios: build the VM lab, let the scenario configure it and drive its
// faults through a context that records everything (fault instants, the watcher's events,
// doctor findings, /proc/net/bonding, a client's outage, checks), and always tear down.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExecOptions, ExecResult } from "./control.js";
import { type PingStats, pingStats } from "./outage.js";
import { recordSnapshot } from "./record.js";
import type { VmTopologySpec } from "./topology.js";
import { type VmLab, vmLabDown, vmLabUp } from "./vm-lab.js";
import { applyWireFault, type WireFaultKind, type WireFaultOptions } from "./wire-faults.js";

/** The CLI inside the VM: this build, seen over 9p at the same path. */
export const GUEST_MAIN = fileURLToPath(new URL("../../cli/main.js", import.meta.url));
/** nobody/nogroup: the unprivileged view of a host. */
export const NOBODY = { uid: 65534, gid: 65534 };

export interface VmEvent {
  /** Host clock when the event reached the host. */
  t_ms: number;
  /** The VM's clock when the watcher raised it (the VM's clock runs apart from the host's). */
  guest_t_ms?: number;
  dt_ms: number | null;
  vm: string;
  kind: string;
  severity?: string;
  subject: string;
  detail: string;
  data?: Record<string, unknown>;
}

export interface DoctorView {
  vm: string;
  user: "root" | "nobody";
  status: string;
  /** What the doctor says it could not see (a command refused to nobody, say). */
  unseen: string[];
  findings: {
    rule: string;
    severity: string;
    subject: string;
    title: string;
    evidence: unknown[];
  }[];
}

export interface VmReport {
  scenario: string;
  lab: string;
  kernel: string;
  accel: string;
  boot_ms: number;
  duration_ms: number;
  faults: { kind: string; link: string; at_ms: number; detail?: string }[];
  events: VmEvent[];
  incidents: unknown[];
  doctor: Record<string, DoctorView>;
  bonding: Record<string, string>;
  outage: Record<string, PingStats>;
  notes: Record<string, unknown>;
  checks: { what: string; ok: boolean; detail?: string }[];
  ok: boolean;
}

export interface Pinger {
  stop(): Promise<PingStats>;
}

export interface VmScenarioContext {
  lab: VmLab;
  /** Writes a file into the VM's shared directory; resolves with its path inside the VM. */
  writeFile(vm: string, name: string, content: string): string;
  /** A shell script as root inside the VM; throws unless it exits 0. */
  sh(vm: string, script: string, timeoutMs?: number): Promise<string>;
  exec(vm: string, argv: string[], opts?: ExecOptions): Promise<ExecResult>;
  fault(kind: WireFaultKind, link: string, opts?: WireFaultOptions): Promise<number>;
  doctor(vm: string, label: string, user?: "root" | "nobody"): Promise<DoctorView>;
  bonding(vm: string, bond: string, label: string): Promise<string>;
  /** Starts `linkguard watch` in the VM (JSON lines back to the host); resolves once it runs. */
  watch(vm: string, args: string[], config?: string): Promise<void>;
  /** Stops the VM's watchers (SIGTERM, bounded) and keeps the incidents they stored. */
  stopWatch(vm: string): Promise<void>;
  outage(label: string, stats: PingStats): void;
  /**
   * `linkguard snapshot` in the VM as root and as nobody, each recorded in
   * DIR/<scenario>-<label>-<root|user> (lab run --record-fixtures DIR); nothing without DIR.
   */
  snapshot(vm: string, label: string): Promise<void>;
  /** The incidents of the watchers stopped so far. */
  incidents(): { title?: string; explanation?: string }[];
  /** The watchers' events so far. */
  events(): VmEvent[];
  /** The first event matching, waiting at most timeoutMs; undefined (and a note) if none. */
  waitEvent(
    what: string,
    match: (e: VmEvent) => boolean,
    timeoutMs: number,
  ): Promise<VmEvent | undefined>;
  ping(vm: string, target: string, intervalMs?: number): Pinger;
  check(what: string, ok: boolean, detail?: string): void;
  note(key: string, value: unknown): void;
  sleep(ms: number): Promise<void>;
}

export interface VmScenario {
  name: string;
  description: string;
  topology: VmTopologySpec;
  run(ctx: VmScenarioContext): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export interface VmRunOptions {
  log?: (line: string) => void;
  /** Where ctx.snapshot records fixtures (none: snapshots are taken but not kept). */
  recordDir?: string;
  /** After the run, before teardown (e.g. record fixtures from the VMs). */
  after?: (ctx: VmScenarioContext) => Promise<void>;
}

export async function runVmScenario(s: VmScenario, opts: VmRunOptions = {}): Promise<VmReport> {
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const report: VmReport = {
    scenario: s.name,
    lab: "",
    kernel: "",
    accel: "",
    boot_ms: 0,
    duration_ms: 0,
    faults: [],
    events: [],
    incidents: [],
    doctor: {},
    bonding: {},
    outage: {},
    notes: {},
    checks: [],
    ok: false,
  };
  let lab: VmLab | undefined;
  const waiters: { match: (e: VmEvent) => boolean; resolve: (e: VmEvent) => void }[] = [];
  const watchers: { vm: string; db: string; kill: () => void; done: Promise<ExecResult> }[] = [];
  let watchCount = 0;
  const onSignal = () => {
    lab?.close();
    void (lab ? vmLabDown(lab.id) : Promise.resolve([])).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    lab = await vmLabUp(s.topology, { log });
    const l = lab;
    Object.assign(report, {
      lab: l.id,
      kernel: l.kernel.package,
      accel: `${l.accel.accel} (${l.accel.why})`,
      boot_ms: l.boot_ms,
    });
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
          writeFileSync(join(dir, "watch.yaml"), config);
          cfg = "/tmp/lg/watch.yaml";
        }
        const argv = [
          process.execPath,
          GUEST_MAIN,
          "watch",
          "--config",
          cfg,
          "--jsonl",
          "-",
          "--db",
          db,
          "--metrics",
          "off",
          "--serve",
          "off",
          "--host",
          vm,
          ...args,
        ];
        const w = l.ctl(vm).stream(
          argv,
          (line, fd) => {
            if (fd === "stderr") {
              log(`[${vm} watch] ${line}`);
              return;
            }
            let e: Omit<VmEvent, "vm" | "t_ms" | "dt_ms"> & { t_ms?: number };
            try {
              e = JSON.parse(line) as typeof e;
            } catch {
              return;
            }
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
            report.events.push(ev);
            log(`[${vm}] ${ev.kind} ${ev.subject}: ${ev.detail}`);
            for (const w2 of [...waiters])
              if (w2.match(ev)) {
                waiters.splice(waiters.indexOf(w2), 1);
                w2.resolve(ev);
              }
          },
          { timeoutMs: 1_800_000 },
        );
        watchers.push({ vm, db, kill: () => w.kill("SIGTERM"), done: w.done });
        const started = await ctx.waitEvent(
          `${vm}: watcher-started`,
          (e) => e.vm === vm && e.kind === "watcher-started" && e.t_ms >= called,
          120_000,
        );
        if (!started) throw new Error(`the watcher in ${vm} did not start`);
      },
      async stopWatch(vm) {
        const mine = watchers.filter((w) => w.vm === vm);
        for (const w of mine) {
          w.kill();
          await Promise.race([w.done, sleep(10_000)]);
          watchers.splice(watchers.indexOf(w), 1);
          report.incidents.push(...(await readIncidents(l, vm, w.db)));
        }
      },
      async snapshot(vm, label) {
        if (!opts.recordDir) return;
        const name = `${s.name}${label ? `-${label}` : ""}`;
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
              scenario: s.name,
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
        const seen = report.events.find(match);
        if (seen) return Promise.resolve(seen);
        return new Promise((resolve) => {
          const waiter = {
            match,
            resolve: (e: VmEvent) => {
              clearTimeout(timer);
              resolve(e);
            },
          };
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            log(`no ${what} within ${timeoutMs} ms`);
            resolve(undefined);
          }, timeoutMs);
          waiters.push(waiter);
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
            const sent = Math.max(
              0,
              ...lines.map((x) => Number(/icmp_seq=(\d+)/.exec(x)?.[1] ?? 0)),
            );
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
    await s.run(ctx);
    for (const vm of new Set(watchers.map((w) => w.vm))) await ctx.stopWatch(vm);
    await opts.after?.(ctx);
    report.ok = report.checks.length > 0 && report.checks.every((c) => c.ok);
    return report;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    report.duration_ms = Date.now() - t0;
    lab?.close();
    if (lab) await vmLabDown(lab.id);
  }
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
