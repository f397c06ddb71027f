// Doing what the engine decided, in the kernel: add the address to the new member before
// removing it from the old one (hitless), point the address's own routing table at the new
// member (so replies leave through it), announce it (gratuitous ARP; IPv6 relies on
// ndisc_notify), and verify the path answers through the new member.
import { run } from "../host/exec.js";
import { intToIpv4, ipv4ToInt, prefixToMask } from "../lib/net.js";
import type { ArmedCommand, IpSession } from "./fast-exec.js";

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
  fast?: { ip: IpSession; announce?: ArmedCommand };
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
  if (o.fast && !o.dryRun) return moveFast(address, from, to, o, o.fast);
  return moveSlow(address, from, to, o);
}

/** Through the long-lived ip session and an armed arping: about 1 ms per step. */
async function moveFast(
  address: string,
  from: string,
  to: string,
  o: ApplyOptions,
  fast: { ip: IpSession; announce?: ArmedCommand },
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
  // The announcement first: arping needs ~9 ms to start here, the address add ~1 ms, so the
  // address is in place before the first frame the announcement attracts arrives.
  const announced = fast.announce
    ? fast.announce.fire().then((out) => {
        result.steps.announced = performance.now() - t0;
        return /Sent 1 probe/.test(out);
      })
    : Promise.resolve(address.includes(":"));
  const addErrors = (await fast.ip.exec([strip(add as string[])])).filter(
    (e) => !/File exists/.test(e),
  );
  result.steps.added = performance.now() - t0;
  if (addErrors.length > 0) {
    result.ok = false;
    result.reason = addErrors.join("; ");
    result.ms = performance.now() - t0;
    return result;
  }
  const routeErrors = await fast.ip.exec(routes.map(strip));
  result.steps.routed = performance.now() - t0;
  if (routeErrors.length > 0) result.reason = `route: ${routeErrors.join("; ")}`;
  await fast.ip.exec([strip(del)]);
  // The move is done here; arping reports having sent only when it exits (-w 1).
  result.ms = performance.now() - t0;
  const ip = ipOf(address);
  if (!ip.includes(":") && o.announceCount > 1) {
    void run(["arping", "-U", "-c", String(o.announceCount - 1), "-I", to, ip], {
      timeoutMs: 5000 + o.announceCount * 1000,
    }).catch(() => undefined);
  }
  result.announced = await announced;
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
    if (!/File exists/.test((err as Error).message)) {
      result.ok = false;
      result.reason = (err as Error).message;
      result.ms = performance.now() - t0;
      return result;
    }
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
        () => "",
        (e: Error) => e.message,
      ),
    ),
  ).then((r) => {
    result.steps.routed = performance.now() - t0;
    return r;
  });
  const [ok, routeErrors] = await Promise.all([announced, routed]);
  result.announced = ok;
  const firstRouteError = routeErrors.find((e) => e !== "");
  if (firstRouteError) result.reason = `route: ${firstRouteError}`;
  // The old member may be gone already (device removed): the move still counts.
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
