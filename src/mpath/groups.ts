// All groups of one run: kernel link notifications routed to their group, the once-a-second
// tick (engine timers, adaptive detection, the status file), and the stop that lets the moves
// under way finish. The clock and the status writer come in as arguments.
import type { Clock } from "../lib/clock.js";
import type { GroupRunner } from "./group-runner.js";
import type { StatusWriter } from "./status-writer.js";

export class Groups {
  private stopTicker: () => void = () => undefined;

  constructor(
    readonly runners: GroupRunner[],
    private readonly status: StatusWriter,
    private readonly clock: Clock,
  ) {}

  /** Each group's link states (null: unknown) and probes, then the tick; the first status. */
  start(carrier: (member: string) => boolean | null): void {
    for (const r of this.runners) r.start(carrier);
    this.stopTicker = this.clock.every(1000, () => {
      for (const r of this.runners) r.tick();
      this.status.update();
    });
    this.status.update(true);
  }

  /** Notifications were lost: every member's link read again. */
  relink(carrier: (member: string) => boolean | null): void {
    for (const r of this.runners) r.relink(carrier);
  }

  link(ifname: string, up: boolean, t: number): void {
    for (const r of this.runners) r.link(ifname, up, t);
  }

  probePaths(): number {
    return this.runners.reduce((n, r) => n + r.probeCount(), 0);
  }

  /** Stops the tick and the probes; resolves once every move decided is made and checked. */
  async stop(): Promise<void> {
    this.stopTicker();
    for (const r of this.runners) r.stopProbes();
    await Promise.all(this.runners.map((r) => r.settled()));
  }
}
