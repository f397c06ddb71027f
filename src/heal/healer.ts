// Remediation as a watcher listener: an event matching a rule proposes an action; the guard
// rails decide; the action runs (or, in a dry run, is only logged); every action and every
// refusal is an event in the store and the sinks.
import { readFileSync } from "node:fs";
import { run } from "../host/exec.js";
import { parseProcNetBonding } from "../host/parse/proc-net-bonding.js";
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
    severity: "info" | "warning",
    subject: string,
    detail: string,
    data: Record<string, unknown>,
  ): void;
  sysClassNet?: string;
  procNetBonding?: string;
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

  private bondOf(ifname: string): string | undefined {
    try {
      const link = readFileSync(
        `${this.deps.sysClassNet ?? "/sys/class/net"}/${ifname}/master/uevent`,
        "utf8",
      );
      return /INTERFACE=(\S+)/.exec(link)?.[1];
    } catch {
      return undefined;
    }
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
    const bond = this.bondOf(ifname);
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
    const errors: string[] = [];
    for (const argv of plan.commands) {
      await run(argv, { timeoutMs: 30_000, ...(plan.env && { env: plan.env }) }).catch(
        (err: Error) => errors.push(err.message),
      );
    }
    this.deps.raise(
      "heal-action",
      errors.length ? "warning" : "info",
      ifname,
      `${plan.kind} ${ifname} after ${e.kind}${errors.length ? ` failed: ${errors.join("; ")}` : `: ${what}`}`,
      { action: plan.kind, trigger: e.kind, commands: plan.commands, dry_run: false, errors },
    );
  }
}
