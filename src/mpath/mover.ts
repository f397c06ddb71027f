// The daemon's moves: the one executor (apply.ts) with this run's `ip` transport, read-back
// and default gateway, and the announcement armed at start for each member and IPv4 data
// address, so that a move fires it the moment the address arrives.
import { run } from "../host/exec.js";
import type { ProberChoice } from "../runtime/prober.js";
import { addressReader } from "./addresses.js";
import { type Announcer, announcerMaker } from "./announce.js";
import { type AddressesOf, moveAddress } from "./apply.js";
import type { MpathGroupConfig } from "./config.js";
import { IpSession } from "./fast-exec.js";
import type { RunnerIo } from "./group-runner.js";
import { announcersFor } from "./setup.js";
import { type IpTransport, ipTransport } from "./transport.js";

export interface MoverParts {
  dryRun: boolean;
  transport: IpTransport;
  addressesOf: AddressesOf;
  /** The default route of each address's table goes via this router, when there is one. */
  gateway?: string | undefined;
  makeAnnouncer(member: string, ip: string): Announcer;
  /** Releases what the transport holds (the `ip -batch` session), after the announcers. */
  closeTransport?: () => void;
}

export class Mover {
  private readonly announcers = new Map<string, Announcer>();

  constructor(private readonly p: MoverParts) {}

  /** Arms the group's announcements (a dry run sends none, so arms none). */
  arm(g: MpathGroupConfig): void {
    if (this.p.dryRun) return;
    for (const [key, a] of announcersFor(g, (m, ip) => this.p.makeAnnouncer(m, ip)))
      this.announcers.set(key, a);
  }

  readonly move: RunnerIo["move"] = (a, o) => {
    const { dryRun, gateway, transport, addressesOf } = this.p;
    const announcer = this.announcers.get(`${a.to} ${a.address}`);
    return moveAddress(
      a.address,
      a.from,
      a.to,
      { dryRun, ...o, ...(gateway !== undefined && { gateway }) },
      { transport, addressesOf, ...(announcer && { announcer }) },
    );
  };

  /** Call once the moves under way are done (Groups.stop). */
  close(): void {
    for (const a of this.announcers.values()) a.close();
    this.announcers.clear();
    this.p.closeTransport?.();
  }
}

/**
 * This run's mover: through its own `ip -batch` session (none in a dry run, which runs
 * nothing), read back with `ip -j address`, announced the way the prober that runs can.
 */
export function runMover(
  dryRun: boolean,
  gateway: string | undefined,
  prober: ProberChoice,
): Mover {
  const session = dryRun ? null : new IpSession();
  return new Mover({
    dryRun,
    transport: ipTransport(session, run),
    addressesOf: addressReader(run),
    gateway,
    makeAnnouncer: announcerMaker(prober),
    closeTransport: () => session?.close(),
  });
}
