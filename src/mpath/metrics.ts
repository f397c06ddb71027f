// Prometheus metrics (prom-client) for `linkguard mpath run`, served at /metrics like the
// watcher's. Fed at the daemon's edge: the engines' status is read when Prometheus scrapes
// (not on every probe), moves are counted as the daemon handles them; the engine stays pure.
// Names and labels are a contract: docs/metrics.md.
import { Counter, Gauge, Registry } from "prom-client";
import type { GroupStatus } from "./engine.js";

export const MPATH_METRICS_DEFAULT = "127.0.0.1:9471";

/** One number per group state, so an alert is `== 1` (degraded) or `== 2` (failed). */
const GROUP_STATE_VALUE: Record<GroupStatus["state"], number> = {
  ok: 0,
  degraded: 1,
  failed: 2,
};

export class MpathMetrics {
  readonly registry = new Registry();
  private readonly groupState: Gauge;
  private readonly memberUp: Gauge;
  private readonly failovers: Counter;
  private readonly failbacks: Counter;
  private readonly moveFailures: Counter;

  /**
   * `readStatus` gives every group's current status; it is called at scrape time. `prober`:
   * which prober runs (native raw sockets or ping), as a label.
   */
  constructor(
    private readonly readStatus: () => GroupStatus[],
    prober?: "native" | "ping",
  ) {
    const registers = [this.registry];
    const refresh = () => {
      for (const s of this.readStatus()) this.status(s);
    };
    this.groupState = new Gauge({
      name: "linkguard_mpath_group_state",
      help: "State of the mpath group: 0 ok, 1 degraded (some members failed), 2 failed (all).",
      labelNames: ["group"],
      registers,
      collect: refresh,
    });
    this.memberUp = new Gauge({
      name: "linkguard_mpath_member_up",
      help: "0 while the member has failed, else 1 (active, standby or inactive).",
      labelNames: ["group", "member"],
      registers,
      collect: refresh,
    });
    this.failovers = new Counter({
      name: "linkguard_mpath_failovers_total",
      help: "Data addresses moved off a failed member since the daemon started.",
      labelNames: ["group"],
      registers,
    });
    this.failbacks = new Counter({
      name: "linkguard_mpath_failbacks_total",
      help: "Data addresses moved back to their repaired home member since the daemon started.",
      labelNames: ["group"],
      registers,
    });
    this.moveFailures = new Counter({
      name: "linkguard_mpath_move_failures_total",
      help: "Moves of a data address that failed (a command failed, or the address was not on the new member when read back).",
      labelNames: ["group"],
      registers,
    });
    new Gauge({
      name: "linkguard_mpath_up",
      help: "1 while the mpath daemon runs.",
      registers,
    }).set(1);
    if (prober)
      new Gauge({
        name: "linkguard_prober_info",
        help: "1, labelled with the prober that runs: native or ping.",
        labelNames: ["prober"],
        registers,
      }).set({ prober }, 1);
  }

  private status(s: GroupStatus): void {
    this.groupState.set({ group: s.name }, GROUP_STATE_VALUE[s.state]);
    for (const m of s.members)
      this.memberUp.set({ group: s.name, member: m.name }, m.state === "failed" ? 0 : 1);
    // Counters start at 0 so that increase() sees the first failover.
    this.failovers.inc({ group: s.name }, 0);
    this.failbacks.inc({ group: s.name }, 0);
    this.moveFailures.inc({ group: s.name }, 0);
  }

  /** Counts one move of a data address (reason as the engine gives it): done, or failed. */
  move(group: string, reason: string, ok: boolean): void {
    if (!ok) this.moveFailures.inc({ group });
    else if (reason === "failover") this.failovers.inc({ group });
    else if (reason === "failback") this.failbacks.inc({ group });
  }
}

/** `--metrics` value: "off"/"false" disables, anything else must be HOST:PORT. */
export function metricsListen(value: string | undefined): string | null {
  const v = value ?? MPATH_METRICS_DEFAULT;
  return v === "off" || v === "false" ? null : v;
}
