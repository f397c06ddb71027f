// What a VM scenario is and what it works with: the context the runner hands it, and the
// report it fills. Types and two constants only.
import { fileURLToPath } from "node:url";
import type { LabConfig } from "../harness/config.js";
import type { ExecOptions } from "./control.js";
import type { PingStats } from "./outage.js";
import type { ExecResult } from "./protocol.js";
import type { VmTopologySpec } from "./topology.js";
import type { VmLab } from "./vm-lab.js";
import type { WireFaultKind, WireFaultOptions } from "./wire-faults.js";

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

interface Pinger {
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
  /**
   * Starts `linkguard watch` in the VM (JSON lines back to the host) with `config` as its
   * config file; resolves once it runs, rejects with its last words if it dies first.
   */
  watch(vm: string, args: string[], config?: LabConfig): Promise<void>;
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
