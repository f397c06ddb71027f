// Doing what the engine decided, in the kernel: add the address to the new member before
// removing it from the old one (hitless), point the address's own routing table at the new
// member (so replies leave through it), announce it (gratuitous ARP; IPv6 relies on
// ndisc_notify), read the addresses back (a move the kernel did not make is a failed move,
// whatever the commands said), and verify the path answers through the new member.

import { type BatchResult, batchError } from "../host/batch-session.js";
import { CommandError, run } from "../host/exec.js";
import { intToIpv4, ipv4ToInt, prefixToMask } from "../lib/net.js";
import type { Announcer } from "./announce.js";
import type { IpSession } from "./fast-exec.js";

/** What a move needs of the `ip -batch` session: running one batch (a fake in tests). */
export type IpBatch = Pick<IpSession, "exec">;

const emptyBatch: BatchResult = { id: 0, commands: [], failures: [], notes: [], output: "" };

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

/** `ip -j address show dev X`: the default read-back of a move. */
export async function readAddressesOf(dev: string): Promise<string[]> {
  const out = await run(["ip", "-j", "address", "show", "dev", dev], { timeoutMs: 2000 });
  const links = JSON.parse(out || "[]") as { addr_info?: { local?: string }[] }[];
  return links.flatMap((l) => (l.addr_info ?? []).flatMap((a) => (a.local ? [a.local] : [])));
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

export interface ApplyOptions {
  dryRun: boolean;
  /** Gratuitous ARPs to send (the first at once, then one a second in the background). */
  announceCount: number;
  /** The routing table that belongs to this address (policy routing). */
  table: number;
  /** Where replies should go for the verification probe (a probe target), if any. */
  verifyTarget?: string;
  gateway?: string;
  /** The fast path: a running `ip -batch` and an announcement armed in advance. */
  fast?: { ip: IpBatch; announce?: Announcer };
  /** How the move is read back (default `ip -j address show dev X`). */
  addressesOf?: AddressesOf;
}

function ipOf(cidr: string): string {
  return cidr.split("/")[0] as string;
}

/** The iproute2 calls a move makes, in order: the plan, testable on plain data. */
export function movePlan(address: string, from: string, to: string, o: ApplyOptions): string[][] {
  const ip = ipOf(address);
  const v6 = ip.includes(":");
  const fam = v6 ? ["-6"] : [];
  const plan: string[][] = [
    ["ip", ...fam, "address", "add", address, "dev", to],
    [
      "ip",
      ...fam,
      "route",
      "replace",
      subnetOf(address),
      "dev",
      to,
      "src",
      ip,
      "table",
      String(o.table),
    ],
  ];
  if (o.gateway)
    plan.push([
      "ip",
      ...fam,
      "route",
      "replace",
      "default",
      "via",
      o.gateway,
      "dev",
      to,
      "table",
      String(o.table),
    ]);
  plan.push(["ip", ...fam, "route", "flush", "cache"]);
  plan.push(["ip", ...fam, "address", "del", address, "dev", from]);
  return plan;
}

/** Network of a CIDR (IPv4 masked; IPv6 left to the kernel by using the address itself). */
export function subnetOf(cidr: string): string {
  const [ip, len] = cidr.split("/") as [string, string];
  const value = ipv4ToInt(ip);
  if (ip.includes(":") || value === undefined) return cidr;
  const n = Number(len);
  return `${intToIpv4((value & prefixToMask(n)) >>> 0)}/${n}`;
}

/** The rule that sends traffic from the address to its own table (set up once). */
export function rulePlan(address: string, table: number): string[] {
  const ip = ipOf(address);
  return [
    "ip",
    ...(ip.includes(":") ? ["-6"] : []),
    "rule",
    "add",
    "from",
    ip,
    "lookup",
    String(table),
    "pref",
    String(table),
  ];
}

/**
 * Moves an address. Each step is a process start (~4 ms here), so after the address is on
 * the new member the announcement and the route changes run side by side: the client's
 * outage is detection + one `ip` + one `arping`, not the sum of five commands.
 */
export async function moveAddress(
  address: string,
  from: string,
  to: string,
  o: ApplyOptions,
): Promise<MoveResult> {
  if (o.dryRun) return moveSlow(address, from, to, o);
  const result = o.fast
    ? await moveFast(address, from, to, o, o.fast)
    : await moveSlow(address, from, to, o);
  if (!result.ok) return result;
  return readBack(result, address, from, to, o.addressesOf ?? readAddressesOf);
}

function failWith(result: MoveResult, err: unknown, t0: number): MoveResult {
  result.ok = false;
  result.reason = (err as Error).message;
  if (err instanceof CommandError)
    result.failure = { argv: [...err.argv], code: err.code, stderr: err.stderr };
  result.ms = performance.now() - t0;
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

/** Through the long-lived ip session and a ready announcer: about 1 ms per step. */
async function moveFast(
  address: string,
  from: string,
  to: string,
  o: ApplyOptions,
  fast: { ip: IpBatch; announce?: Announcer },
): Promise<MoveResult> {
  const t0 = performance.now();
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
  const strip = (argv: string[]) => argv.slice(1);
  const [add, ...routes] = plan;
  const del = routes.pop() as string[];
  const announce = () =>
    fast.announce
      ? fast.announce.fire().then((sent) => {
          result.steps.announced = performance.now() - t0;
          return sent;
        })
      : Promise.resolve(address.includes(":"));
  // An arping first: it needs ~9 ms to start here, the address add ~1 ms, so the address is in
  // place before the first frame the announcement attracts arrives. A native announcement
  // leaves at once, so it goes right after the add.
  let announced = fast.announce?.instant ? null : announce();
  const failed = (r: BatchResult, tolerate: RegExp | null) =>
    r.failures.filter((f) => !(tolerate && f.messages.some((m) => tolerate.test(m))));
  try {
    // Already there (a restart, or a move back before the old one finished) is fine.
    const added = failed(await fast.ip.exec([strip(add as string[])]), /File exists/);
    result.steps.added = performance.now() - t0;
    if (added[0]) return failWith(result, batchError("ip", { ...emptyBatch, failures: added }), t0);
    announced ??= announce();
    const routed = failed(await fast.ip.exec(routes.map(strip)), null);
    result.steps.routed = performance.now() - t0;
    // The address stays where it now is (taking it back would lengthen the outage), but
    // replies may leave through the failed member: the move is not done.
    const routeError = batchError("ip", { ...emptyBatch, failures: routed });
    if (routeError) failWith(result, routeError, t0);
    // The old member may be gone already: the read-back says where the address is.
    await fast.ip.exec([strip(del)]);
  } catch (err) {
    return failWith(result, err, t0);
  }
  // The move is done here; arping reports having sent only when it exits (-w 1).
  result.ms = performance.now() - t0;
  const ip = ipOf(address);
  if (!ip.includes(":") && o.announceCount > 1) {
    if (fast.announce) fast.announce.repeat(o.announceCount - 1);
    else
      void run(["arping", "-U", "-c", String(o.announceCount - 1), "-I", to, ip], {
        timeoutMs: 5000 + o.announceCount * 1000,
      }).catch(() => undefined);
  }
  result.announced = await (announced ?? announce());
  return result;
}

async function moveSlow(
  address: string,
  from: string,
  to: string,
  o: ApplyOptions,
): Promise<MoveResult> {
  const t0 = performance.now();
  const plan = movePlan(address, from, to, o);
  const ip = ipOf(address);
  const v6 = ip.includes(":");
  const announce = ["arping", "-U", "-c", "1", "-w", "1", "-I", to, ip];
  const result: MoveResult = {
    ok: true,
    commands: v6 ? plan : [plan[0] as string[], announce, ...plan.slice(1)],
    announced: false,
    verified: null,
    reason: "",
    ms: 0,
    steps: { added: 0, routed: 0, announced: 0 },
  };
  if (o.dryRun) {
    result.reason = "dry run: nothing changed";
    return result;
  }
  const [add, ...routes] = plan;
  const del = routes.pop() as string[];
  try {
    await run(add as string[], { timeoutMs: 2000 });
  } catch (err) {
    // Already there (a restart, or a move back before the old one finished) is fine.
    if (!/File exists/.test((err as Error).message)) return failWith(result, err, t0);
  }
  result.steps.added = performance.now() - t0;
  const announced = v6
    ? Promise.resolve(true)
    : run(announce, { timeoutMs: 3000 }).then(
        (out) => {
          result.steps.announced = performance.now() - t0;
          return /Sent 1 probe/.test(out);
        },
        (e: Error) => /Sent 1 probe/.test(e.message),
      );
  const routed = Promise.all(
    routes.map((argv) =>
      run(argv, { timeoutMs: 2000 }).then(
        () => null,
        (e: unknown) => e,
      ),
    ),
  ).then((r) => {
    result.steps.routed = performance.now() - t0;
    return r;
  });
  const [ok, routeErrors] = await Promise.all([announced, routed]);
  result.announced = ok;
  const routeError = routeErrors.find((e) => e !== null);
  if (routeError) failWith(result, routeError, t0);
  // The old member may be gone already (device removed): the read-back says where it is.
  await run(del, { timeoutMs: 2000 }).catch(() => undefined);
  if (!v6 && o.announceCount > 1) {
    void run(["arping", "-U", "-c", String(o.announceCount - 1), "-I", to, ip], {
      timeoutMs: 5000 + o.announceCount * 1000,
    }).catch(() => undefined);
  }
  result.ms = performance.now() - t0;
  return result;
}

/** After a move: does the path answer from the address through the new member? */
export async function verifyPath(
  address: string,
  to: string,
  target: string,
): Promise<{ ok: boolean; reason: string }> {
  try {
    await run(["ping", "-n", "-c", "1", "-W", "1", "-I", ipOf(address), target], {
      timeoutMs: 3000,
    });
    return { ok: true, reason: `${target} answered ${ipOf(address)} via ${to}` };
  } catch (err) {
    return {
      ok: false,
      reason: `no answer from ${target} to ${ipOf(address)} via ${to}: ${(err as Error).message.split("\n")[0]}`,
    };
  }
}
