// Remediation as a watcher listener: an event matching a rule proposes an action; the guard
// rails decide; the action runs (or, in a dry run, is only logged); every action and every
// refusal is an event in the store and the sinks. The events an action causes on its own member
// (during it and a settle window after it) never trigger another action: with no cool-down a
// re-enslave would otherwise trigger itself through the LACP and link events it makes.
import { readFileSync } from "node:fs";
import type { RunOptions } from "../host/exec.js";
import { parseProcNetBonding } from "../host/parse/proc-net-bonding.js";
import { readBondOf } from "../host/read/bond-of.js";
import { EchoWindows, type Received } from "./echo.js";
import { execute } from "./execute.js";
import { type GuardLimits, guard, type MemberLacp } from "./guard.js";
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
  /** The watcher's word: "info" is a recovery (LACP back to 63, a link up), not a fault. */
  severity?: string | undefined;
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
const PUT_BACK_DELAY_MS = 1_000;

export class Healer {
  private readonly history = new Map<string, number[]>();
  /** Per member: which events are the echo of our own action on it (see echo.ts). */
  private readonly echoes = new EchoWindows();
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
      // A member that healed by itself is left alone: re-enslaving or bouncing it now would
      // cause the outage the rule is there to end. A script still hears of it.
      if (e.severity === "info" && rule.action !== "run") continue;
      const ifname = e.ifname;
      const received = { seq: ++this.seq, t_ms: this.now() };
      // One action at a time: a second one waits for the first to finish.
      this.busy = this.busy
        .then(() => this.consider(rule, ifname, e, received))
        .catch(() => undefined);
    }
  }

  private readBond(bond: string) {
    try {
      const file = `${this.deps.procNetBonding ?? "/proc/net/bonding"}/${bond}`;
      return parseProcNetBonding(readFileSync(file, "utf8"), file, bond).value[0];
    } catch {
      return undefined;
    }
  }

  /**
   * On an 802.3ad bond, as the kernel says now: are the other members collecting and
   * distributing (settled), and how is this one's own LACP (GuardContext.memberLacp)? Both
   * undefined when not LACP.
   */
  private lacpNow(bond: string, member: string): { settled?: boolean; self?: MemberLacp } {
    const working = (s: { actor?: { state?: { collecting?: boolean; distributing?: boolean } } }) =>
      s.actor?.state?.collecting === true && s.actor.state.distributing === true;
    try {
      const b = this.readBond(bond);
      if (b?.mode !== "802.3ad") return {};
      const self = b.slaves.find((s) => s.name === member);
      const state = self?.actor?.state;
      const hearing = state !== undefined && state.expired !== true && state.defaulted !== true;
      return {
        settled: b.slaves.filter((s) => s.name !== member).every(working),
        ...(self !== undefined && {
          self: working(self) ? "aggregating" : hearing ? "negotiating" : "broken",
        }),
      };
    } catch {
      return {};
    }
  }

  /**
   * True (and said once per window) when the event is the echo of our own action, or one that
   * came with its trigger (an actor and a partner state change at once) and waited for it.
   */
  private ownEcho(rule: HealRule, ifname: string, e: HealTrigger, received: Received): boolean {
    const s = this.echoes.covering(ifname, rule, received);
    if (!s) return false;
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

  /** A re-enslave left the member outside its bond: once more, then say so loudly. */
  private async putBack(bond: string, ifname: string, e: HealTrigger): Promise<void> {
    await (this.deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(PUT_BACK_DELAY_MS);
    const plan = putBackPlan(bond, ifname);
    const { failed, errors } = await execute(plan, this.deps);
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
    const lacp = bond ? this.lacpNow(bond, ifname) : {};
    const d = guard(
      ifname,
      {
        now_ms: now,
        history,
        members: this.deps.members(ifname),
        ...(lacp.settled !== undefined && { lacpSettled: lacp.settled }),
        // Re-enslaving is for a member whose LACP is broken; a bounce may have other causes.
        ...(plan.kind === "reenslave" && lacp.self !== undefined && { memberLacp: lacp.self }),
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
    const echo =
      plan.kind === "run" ? undefined : this.echoes.open(ifname, rule, plan.kind, this.seq);
    try {
      // Every command runs even after one fails: a member taken down must be brought up again.
      const { failed, errors } = await execute(plan, this.deps);
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
      if (echo)
        echo.until_ms =
          this.now() +
          settleMs(this.limits.settleMs, b && { mode: b.mode, lacpRate: b.ad?.lacpRate });
    }
  }
}
