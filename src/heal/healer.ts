// Remediation as a watcher listener: an event matching a rule proposes an action; the guard
// rails decide; the action runs (or, in a dry run, is only logged); every action and every
// refusal is an event in the store and the sinks.
import { readFileSync } from "node:fs";
import { CommandError, type RunOptions, run } from "../host/exec.js";
import { parseProcNetBonding } from "../host/parse/proc-net-bonding.js";
import { readBondOf } from "../host/read/bond-of.js";
import { type GuardLimits, guard } from "./guard.js";
import { bouncePlan, type HealActionKind, type HealPlan, reenslavePlan, runPlan } from "./plan.js";

/** The part of a watcher event the healer reacts to (the watcher's events fit it as they are). */
export interface HealTrigger {
  kind: string;
  subject: string;
  detail: string;
  t_ms: number;
  ifname?: string | undefined;
  incident_id?: number | undefined;
}

export interface HealRule {
  on: string[];
  action: HealActionKind;
  script?: string | undefined;
}

export interface HealerDeps {
  /** Members of the group the interface belongs to, and whether each is healthy now. */
  members(ifname: string): { name: string; healthy: boolean }[];
  raise(
    kind: "heal-action" | "heal-refused",
    severity: "info" | "warning" | "critical",
    subject: string,
    detail: string,
    data: Record<string, unknown>,
  ): void;
  sysClassNet?: string;
  procNetBonding?: string;
  /** Runs one command (default: host/exec's run); rejects with a CommandError. */
  run?: (argv: string[], options: RunOptions) => Promise<string>;
}

/** A command that failed, as an event's data carries it. */
interface FailedCommand {
  argv: string[];
  code: number | string | null;
  stderr: string;
}

function failedCommand(argv: string[], err: unknown): FailedCommand {
  if (err instanceof CommandError)
    return { argv: [...err.argv], code: err.code, stderr: err.stderr };
  return { argv, code: null, stderr: (err as Error).message };
}

export class Healer {
  private readonly history = new Map<string, number[]>();
  private busy: Promise<void> = Promise.resolve();

  constructor(
    private readonly rules: HealRule[],
    private readonly limits: GuardLimits,
    private readonly deps: HealerDeps,
  ) {}

  event(e: HealTrigger): void {
    if (e.kind === "heal-action" || e.kind === "heal-refused" || !e.ifname) return;
    for (const rule of this.rules) {
      if (!rule.on.includes(e.kind)) continue;
      const ifname = e.ifname;
      // One action at a time: a second one waits for the first to finish.
      this.busy = this.busy.then(() => this.consider(rule, ifname, e)).catch(() => undefined);
    }
  }

  /** IFF_UP from sysfs; null when it cannot be read. */
  private adminUp(ifname: string): boolean | null {
    try {
      const flags = readFileSync(
        `${this.deps.sysClassNet ?? "/sys/class/net"}/${ifname}/flags`,
        "utf8",
      );
      return (Number.parseInt(flags.trim(), 16) & 1) === 1;
    } catch {
      return null;
    }
  }

  /** What is wrong with the interface after the action, read back from sysfs; [] if nothing. */
  private readBack(ifname: string, expect: HealPlan["expect"]): string[] {
    const wrong: string[] = [];
    if (expect?.master !== undefined) {
      const master = readBondOf(ifname, this.deps.sysClassNet);
      if (master !== expect.master)
        wrong.push(
          `${ifname} is ${master ? `in ${master}` : "in no bond"}, not in ${expect.master}`,
        );
    }
    if (expect?.up !== undefined) {
      const up = this.adminUp(ifname);
      if (up !== expect.up)
        wrong.push(`${ifname} is ${up === null ? "unreadable" : up ? "up" : "down"}`);
    }
    return wrong;
  }

  /** On an 802.3ad bond: are the other members collecting and distributing? */
  private lacpSettled(bond: string, member: string): boolean | undefined {
    try {
      const file = `${this.deps.procNetBonding ?? "/proc/net/bonding"}/${bond}`;
      const b = parseProcNetBonding(readFileSync(file, "utf8"), file, bond).value[0];
      if (b?.mode !== "802.3ad") return undefined;
      return b.slaves
        .filter((s) => s.name !== member)
        .every((s) => s.actor?.state?.collecting && s.actor.state.distributing);
    } catch {
      return undefined;
    }
  }

  private async consider(rule: HealRule, ifname: string, e: HealTrigger): Promise<void> {
    const bond = readBondOf(ifname, this.deps.sysClassNet);
    let plan: HealPlan;
    if (rule.action === "reenslave") {
      if (!bond) {
        this.deps.raise(
          "heal-refused",
          "info",
          ifname,
          `reenslave ${ifname}: it is not a bond member`,
          { rule: rule.action, trigger: e.kind },
        );
        return;
      }
      plan = reenslavePlan(bond, ifname);
    } else if (rule.action === "bounce") plan = bouncePlan(ifname);
    else plan = runPlan(rule.script ?? "", ifname, e);

    const now = Date.now();
    const history = this.history.get(ifname) ?? [];
    const settled = bond ? this.lacpSettled(bond, ifname) : undefined;
    const d = guard(
      ifname,
      {
        now_ms: now,
        history,
        members: this.deps.members(ifname),
        ...(settled !== undefined && { lacpSettled: settled }),
      },
      this.limits,
    );
    const what = plan.commands.map((c) => c.join(" ")).join("; ");
    if (!d.run) {
      this.deps.raise(
        "heal-refused",
        "info",
        ifname,
        `${plan.kind} ${ifname} refused: ${d.reason}`,
        { action: plan.kind, trigger: e.kind, commands: plan.commands },
      );
      return;
    }
    history.push(now);
    this.history.set(ifname, history);
    if (d.dryRun) {
      this.deps.raise(
        "heal-action",
        "info",
        ifname,
        `dry run: would ${plan.kind} ${ifname} (${what})`,
        { action: plan.kind, trigger: e.kind, commands: plan.commands, dry_run: true },
      );
      return;
    }
    // Every command runs even after one fails: a member taken down must be brought up again.
    const exec = this.deps.run ?? run;
    const failed: FailedCommand[] = [];
    for (const argv of plan.commands) {
      await exec(argv, { timeoutMs: 30_000, ...(plan.env && { env: plan.env }) }).catch(
        (err: unknown) => failed.push(failedCommand(argv, err)),
      );
    }
    const wrong = this.readBack(ifname, plan.expect);
    const errors = [
      ...failed.map(
        (f) =>
          `${f.argv.join(" ")}: ${f.stderr.trim().split("\n")[0] || `exit code ${String(f.code)}`}`,
      ),
      ...wrong.map((w) => `read back: ${w}`),
    ];
    this.deps.raise(
      "heal-action",
      errors.length ? "critical" : "info",
      ifname,
      `${plan.kind} ${ifname} after ${e.kind}${errors.length ? ` FAILED: ${errors.join("; ")}` : `: ${what}`}`,
      {
        action: plan.kind,
        trigger: e.kind,
        commands: plan.commands,
        dry_run: false,
        ok: errors.length === 0,
        errors,
        failed,
      },
    );
  }
}
