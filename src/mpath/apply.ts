// Doing what the engine decided, in the kernel: the move plan (move-plan.ts) run through an
// `ip` transport (transport.ts), with the announcement (announce.ts) fired the moment the
// address is in place. Add before delete (hitless); the address's own routing table pointed
// at the new member (replies leave through it); the announcement (gratuitous ARP; IPv6 relies
// on the kernel's ndisc_notify); then the read-back: a move the kernel did not make is a
// failed move, whatever the commands said. Every piece of I/O comes in as an argument.
import { CommandError } from "../host/exec.js";
import type { Announcer } from "./announce.js";
import { announcePlan, ipOf, movePlan } from "./move-plan.js";
import type { IpTransport } from "./transport.js";

export interface MoveResult {
  ok: boolean;
  /** Commands run, in order (dry-run: the commands that would run). */
  commands: string[][];
  announced: boolean;
  verified: boolean | null;
  reason: string;
  ms: number;
  /** Milliseconds from the start of the move: address added, routes switched, announced. */
  steps: { added: number; routed: number; announced: number };
  /** The command that failed the move, with its exit code and what it printed. */
  failure?: { argv: string[]; code: number | string | null; stderr: string };
}

/** The addresses (without prefix length) on a device now, as the kernel reports them. */
export type AddressesOf = (dev: string) => Promise<string[]>;

export interface ApplyOptions {
  dryRun: boolean;
  /** Gratuitous ARPs to send (the first at once, then one a second in the background). */
  announceCount: number;
  /** The routing table that belongs to this address (policy routing). */
  table: number;
  gateway?: string;
}

/** The I/O of a move: the `ip` transport, the announcement armed for (member, address), the read-back. */
export interface MoveIo {
  transport: IpTransport;
  /** None: no gratuitous ARP is sent (announce_count 0); IPv6 never uses one. */
  announcer?: Announcer;
  addressesOf: AddressesOf;
  /** Milliseconds, for the step timings (default performance.now). */
  now?: () => number;
}

/** One spelling per address, so "fd00:0::50" and "fd00::50" compare equal. */
function canonical(ip: string): string {
  if (!ip.includes(":")) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}

function fail(result: MoveResult, err: Error): MoveResult {
  result.ok = false;
  result.reason = err.message;
  if (err instanceof CommandError)
    result.failure = { argv: [...err.argv], code: err.code, stderr: err.stderr };
  return result;
}

/**
 * Moves an address: add, announce, routes, delete the old, read back. A dry run returns the
 * plan (with the announcement as the arping that would send it) and changes nothing.
 */
export async function moveAddress(
  address: string,
  from: string,
  to: string,
  o: ApplyOptions,
  io: MoveIo,
): Promise<MoveResult> {
  const now = io.now ?? (() => performance.now());
  const t0 = now();
  const ip = ipOf(address);
  const v6 = ip.includes(":");
  const plan = movePlan(address, from, to, o);
  const result: MoveResult = {
    ok: true,
    commands: plan,
    announced: false,
    verified: null,
    reason: "",
    ms: 0,
    steps: { added: 0, routed: 0, announced: 0 },
  };
  if (o.dryRun) {
    const announces = !v6 && o.announceCount > 0;
    result.commands = announces
      ? [plan[0] as string[], announcePlan(to, ip), ...plan.slice(1)]
      : plan;
    result.reason = "dry run: nothing changed";
    return result;
  }
  const [add, ...routes] = plan as [string[], ...string[][]];
  const del = routes.pop() as string[];
  const announcer = v6 ? undefined : io.announcer;
  const announce = (): Promise<boolean> => {
    if (!announcer) return Promise.resolve(v6);
    const sent = announcer.fire().catch(() => false);
    // An instant one has left when fire() returns; a process says so when it exits.
    const mark = () => {
      result.steps.announced = now() - t0;
    };
    if (announcer.instant) mark();
    else void sent.then(mark);
    return sent;
  };
  // A process (arping) needs ~9 ms to start, the address add ~1 ms: it is fired first, so the
  // address is in place before the first frame it attracts. A native one goes after the add.
  let announced = announcer && !announcer.instant ? announce() : null;
  try {
    // Already there (a restart, or a move back before the old one finished) is fine.
    const added = (await io.transport.exec([add])).filter((e) => !/File exists/.test(e.stderr));
    result.steps.added = now() - t0;
    if (added[0]) return failed(fail(result, added[0]), t0, now);
    announced ??= announce();
    const routed = await io.transport.exec(routes);
    result.steps.routed = now() - t0;
    // The address stays where it now is (taking it back would lengthen the outage), but
    // replies may leave through the failed member: the move is not done.
    if (routed[0]) fail(result, routed[0]);
    // The old member may be gone already: the read-back says where the address is.
    await io.transport.exec([del]);
  } catch (err) {
    return failed(fail(result, err as Error), t0, now);
  }
  result.ms = now() - t0;
  if (announcer && o.announceCount > 1) announcer.repeat(o.announceCount - 1);
  // The move is done at `ms`; an arping reports having sent only when it exits (-w 1).
  result.announced = await (announced ?? announce());
  if (!result.ok) return result;
  return readBack(result, address, from, to, io.addressesOf);
}

/** A move that stopped early is reported at once (an arping under way is not awaited). */
function failed(result: MoveResult, t0: number, now: () => number): MoveResult {
  result.ms = now() - t0;
  return result;
}

/** The kernel's word, not the commands': is the address on the new member now? */
async function readBack(
  result: MoveResult,
  address: string,
  from: string,
  to: string,
  addressesOf: AddressesOf,
): Promise<MoveResult> {
  const ip = canonical(ipOf(address));
  const has = async (dev: string) => (await addressesOf(dev)).map(canonical).includes(ip);
  try {
    if (!(await has(to))) {
      result.ok = false;
      result.reason = `${ip} is not on ${to} after the move (read back with ip address show dev ${to})${result.reason ? `; ${result.reason}` : ""}`;
      return result;
    }
  } catch (err) {
    result.ok = false;
    result.reason = `could not read ${to}'s addresses back: ${(err as Error).message}`;
    return result;
  }
  // The old member may be gone already (device removed): the move still counts.
  if (await has(from).catch(() => false))
    result.reason = `${ip} is still on ${from} as well${result.reason ? `; ${result.reason}` : ""}`;
  return result;
}
