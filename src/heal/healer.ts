// Remediation as a watcher listener: an event matching a rule proposes an action; the guard
// rails decide; the action runs (or, in a dry run, is only logged); every action and every
// refusal is an event in the store and the sinks. The events an action causes on its own member
// (during it and a settle window after it) never trigger another action: with no cool-down a
// re-enslave would otherwise trigger itself through the LACP and link events it makes.
import { readFileSync } from "node:fs";
import { CommandError, type RunOptions, run } from "../host/exec.js";
import { parseProcNetBonding } from "../host/parse/proc-net-bonding.js";
import { readBondOf } from "../host/read/bond-of.js";
import { type GuardLimits, guard } from "./guard.js";
import {
  bouncePlan,
  type HealActionKind,
  type HealPlan,
  putBackPlan,
  reenslavePlan,
  runPlan,
} from "./plan.js";
import { settleMs } from "./settle.js";

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
  /** The clock (default: Date.now) and the pause before a retry (default: a timer). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HealLimits extends GuardLimits {
  /** Events on a member this long after an action on it are its own: ignored. Default: settle.ts. */
  settleMs?: number | undefined;
}

/** The pause before putting back a member a re-enslave left outside its bond. */
export const PUT_BACK_DELAY_MS = 1_000;

/** When the healer received an event: its order among the events, and the time. */
interface Received {
  seq: number;
  t_ms: number;
}

/** What the commands of a plan did: failed commands and read-back disagreements, as text. */
interface Outcome {
  failed: FailedCommand[];
  errors: string[];
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
  /**
   * Per member, after an action on it: the events received after `after_seq` and before
   * `until_ms` are its echo (during the action, until_ms is Infinity); the events received
   * before it started are what it already acted on, for the rule that ran it.
   */
  private readonly settling = new Map<
    string,
    { rule: HealRule; after_seq: number; until_ms: number; action: string; told: boolean }
  >();
  /** Events received so far: orders them against the start of an action. */
  private seq = 0;
  private busy: Promise<void> = Promise.resolve();

  constructor(
    private readonly rules: HealRule[],
    private readonly limits: HealLimits,
    private readonly deps: HealerDeps,
  ) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Resolves when every event received so far has been considered (and its action done). */
  idle(): Promise<void> {
    return this.busy;
  }

  event(e: HealTrigger): void {
    if (e.kind === "heal-action" || e.kind === "heal-refused" || !e.ifname) return;
    for (const rule of this.rules) {
      if (!rule.on.includes(e.kind)) continue;
      const ifname = e.ifname;
      const received = { seq: ++this.seq, t_ms: this.now() };
      // One action at a time: a second one waits for the first to finish.
      this.busy = this.busy
        .then(() => this.consider(rule, ifname, e, received))
        .catch(() => undefined);
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

  private readBond(bond: string) {
    try {
      const file = `${this.deps.procNetBonding ?? "/proc/net/bonding"}/${bond}`;
      return parseProcNetBonding(readFileSync(file, "utf8"), file, bond).value[0];
    } catch {
      return undefined;
    }
  }

  /** On an 802.3ad bond: are the other members collecting and distributing? */
  private lacpSettled(bond: string, member: string): boolean | undefined {
    try {
      const b = this.readBond(bond);
      if (b?.mode !== "802.3ad") return undefined;
      return b.slaves
        .filter((s) => s.name !== member)
        .every((s) => s.actor?.state?.collecting && s.actor.state.distributing);
    } catch {
      return undefined;
    }
  }

  /**
   * True (and said once per window) when the event is the echo of our own action, or one that
   * came with its trigger (an actor and a partner state change at once) and waited for it.
   */
  private ownEcho(rule: HealRule, ifname: string, e: HealTrigger, received: Received): boolean {
    const s = this.settling.get(ifname);
    if (!s || received.t_ms >= s.until_ms) return false;
    if (received.seq <= s.after_seq && rule !== s.rule) return false;
    const now = this.now();
    if (!s.told) {
      s.told = true;
      this.deps.raise(
        "heal-refused",
        "info",
        ifname,
        `${e.kind} on ${ifname} ignored: caused or already acted on by our own ${s.action}, settling for ${Math.ceil((s.until_ms - now) / 1000)} s more (further events until then are ignored silently)`,
        { trigger: e.kind, settling: true, settle_until_ms: s.until_ms },
      );
    }
    return true;
  }

  /** Runs every command of the plan (even after one fails), then reads the kernel back. */
  private async execute(plan: HealPlan): Promise<Outcome> {
    const exec = this.deps.run ?? run;
    const failed: FailedCommand[] = [];
    for (const argv of plan.commands) {
      await exec(argv, { timeoutMs: 30_000, ...(plan.env && { env: plan.env }) }).catch(
        (err: unknown) => failed.push(failedCommand(argv, err)),
      );
    }
    const wrong = this.readBack(plan.subject, plan.expect);
    const errors = [
      ...failed.map(
        (f) =>
          `${f.argv.join(" ")}: ${f.stderr.trim().split("\n")[0] || `exit code ${String(f.code)}`}`,
      ),
      ...wrong.map((w) => `read back: ${w}`),
    ];
    return { failed, errors };
  }

  /** A re-enslave left the member outside its bond: once more, then say so loudly. */
  private async putBack(bond: string, ifname: string, e: HealTrigger): Promise<void> {
    await (this.deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(PUT_BACK_DELAY_MS);
    const plan = putBackPlan(bond, ifname);
    const { failed, errors } = await this.execute(plan);
    const by = plan.commands.map((c) => c.join(" ")).join("; ");
    this.deps.raise(
      "heal-action",
      errors.length ? "critical" : "warning",
      ifname,
      errors.length
        ? `${ifname} is still outside ${bond} after a second try: the bond has one member less until it is put back by hand (${by}). FAILED: ${errors.join("; ")}`
        : `${ifname} put back into ${bond} on a second try (the re-enslave after ${e.kind} had left it out): ${by}`,
      {
        action: "put-back",
        trigger: e.kind,
        commands: plan.commands,
        dry_run: false,
        retry: true,
        ok: errors.length === 0,
        errors,
        failed,
      },
    );
  }

  private async consider(
    rule: HealRule,
    ifname: string,
    e: HealTrigger,
    received: Received,
  ): Promise<void> {
    if (this.ownEcho(rule, ifname, e, received)) return;
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

    const now = this.now();
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
    // What the link does from now on is the echo of this action (a script's effects are its
    // own: its events are not ignored).
    const echo = {
      rule,
      after_seq: this.seq,
      until_ms: Number.POSITIVE_INFINITY,
      action: plan.kind,
      told: false,
    };
    if (plan.kind !== "run") this.settling.set(ifname, echo);
    try {
      // Every command runs even after one fails: a member taken down must be brought up again.
      const { failed, errors } = await this.execute(plan);
      const left =
        plan.kind === "reenslave" &&
        bond !== undefined &&
        readBondOf(ifname, this.deps.sysClassNet) !== bond;
      this.deps.raise(
        "heal-action",
        errors.length ? "critical" : "info",
        ifname,
        `${plan.kind} ${ifname} after ${e.kind}${errors.length ? ` FAILED: ${errors.join("; ")}` : `: ${what}`}${left ? ` (${ifname} is out of ${bond}: trying once more to put it back)` : ""}`,
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
      if (left && bond) await this.putBack(bond, ifname, e);
    } finally {
      // ... and stays so while the link settles (also if something above threw).
      const b = bond ? this.readBond(bond) : undefined;
      echo.until_ms =
        this.now() +
        settleMs(this.limits.settleMs, b && { mode: b.mode, lacpRate: b.ad?.lacpRate });
    }
  }
}
