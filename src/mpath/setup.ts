// Before the first probe: each data address gets its own routing table (with the rule that
// sends its replies there) and sits on its home member only; members answer ARP only for
// their own addresses. The commands and the /proc writes come in as arguments.
import { CommandError } from "../host/exec.js";
import type { Tool } from "../host/tools.js";
import type { IpAddrJson } from "../runtime/discover.js";
import type { MemberFacts } from "./checks.js";
import { engineConfig, type MpathGroupConfig } from "./config.js";
import { rulePlan, subnetOf } from "./move-plan.js";
import type { Emit } from "./records.js";

export interface SetupIo {
  run(argv: string[]): Promise<string>;
  /** Writes a /proc/sys value; throws when the kernel or the interface has none. */
  writeProc(path: string, value: string): void;
  emit: Emit;
  now(): number;
}

/** Routing table numbers, one per data address, from 1000 on in the order of the groups. */
export function routingTables(groups: MpathGroupConfig[]): Map<string, number>[] {
  let table = 1000;
  return groups.map((g) => {
    const tables = new Map<string, number>();
    for (const d of engineConfig(g, false).dataAddresses) tables.set(d.address, table++);
    return tables;
  });
}

/** What the start-up checks need: each member's MAC and its addresses that never move. */
export function memberFacts(
  g: MpathGroupConfig,
  all: MpathGroupConfig[],
  links: IpAddrJson[],
): MemberFacts[] {
  const data = new Set(
    all.flatMap((x) =>
      Object.values(x.data_addresses)
        .flat()
        .map((a) => a.split("/")[0]),
    ),
  );
  return g.members.map((name) => {
    const l = links.find((x) => x.ifname === name);
    const testAddresses = (l?.addr_info ?? [])
      .filter((a) => a.scope !== "link" && !data.has(a.local))
      .map((a) => a.local);
    return { name, mac: l?.address ?? null, testAddresses };
  });
}

/** ARP only from the member that holds an address; the address's own routing table. */
export async function setUpGroup(
  g: MpathGroupConfig,
  tables: Map<string, number>,
  gateway: string | undefined,
  io: SetupIo,
): Promise<void> {
  const write = (path: string, value: string) => {
    try {
      io.writeProc(path, value);
    } catch {
      // not this kernel, no such interface yet, or no IPv6: the move still works, less cleanly
    }
  };
  for (const m of g.members) {
    write(`/proc/sys/net/ipv4/conf/${m}/arp_ignore`, "1");
    write(`/proc/sys/net/ipv4/conf/${m}/arp_announce`, "2");
    // IPv6: the kernel sends an unsolicited neighbour advertisement when an address arrives.
    write(`/proc/sys/net/ipv6/conf/${m}/ndisc_notify`, "1");
  }
  const rules = await io.run(["ip", "rule", "show"]).catch(() => "");
  for (const [home, list] of Object.entries(g.data_addresses)) {
    for (const address of list) {
      const t = tables.get(address) as number;
      const ip = address.split("/")[0] as string;
      // Without its rule, replies from the address ignore its table: a start-up error.
      if (!rules.includes(`from ${ip} lookup ${t}`))
        await io.run(rulePlan(address, t)).catch((err: Error) => {
          if (!/File exists/.test(err.message)) throw err;
        });
      for (const other of g.members)
        if (other !== home)
          await io.run(["ip", "address", "del", address, "dev", other]).catch(() => undefined);
      await io.run(["ip", "address", "replace", address, "dev", home]);
      const table = String(t);
      await io.run([
        "ip",
        "route",
        "replace",
        subnetOf(address),
        "dev",
        home,
        "src",
        ip,
        "table",
        table,
      ]);
      if (gateway)
        await io
          .run(["ip", "route", "replace", "default", "via", gateway, "dev", home, "table", table])
          .catch((err: Error) =>
            io.emit({
              t_ms: io.now(),
              kind: "mpath-started",
              severity: "warning",
              subject: address,
              detail: `${g.name}: no default route via ${gateway} in table ${t} for ${address}: ${err.message}`,
              data: { group: g.name, ...(err instanceof CommandError && { failure: err }) },
            }),
          );
    }
  }
}

/**
 * The group's probe targets: the configured ones, the default gateways when `auto_targets`,
 * and with none of those, the all-hosts group's fastest responders (`discover`).
 */
export async function groupTargets(
  g: MpathGroupConfig,
  gateways: string[],
  self: string[],
  discover: (members: string[], self: string[]) => Promise<string[]>,
  io: Pick<SetupIo, "emit" | "now">,
): Promise<string[]> {
  const targets = [
    ...g.targets,
    ...(g.auto_targets ? gateways.filter((x) => !g.targets.includes(x)) : []),
  ];
  if (targets.length > 0 || !g.multicast_targets) return targets;
  targets.push(...(await discover(g.members, self)));
  io.emit({
    t_ms: io.now(),
    kind: "mpath-started",
    severity: targets.length ? "info" : "warning",
    subject: g.name,
    detail: targets.length
      ? `${g.name}: no router to probe; the all-hosts group answered from ${targets.join(", ")}`
      : `${g.name}: no router and no all-hosts answer: only link state is watched`,
    data: { group: g.name, targets },
  });
  return targets;
}

/** The IPv4 data addresses (CIDR) of a group: the ones a gratuitous ARP announces. */
function announcedAddresses(g: MpathGroupConfig): string[] {
  return engineConfig(g, false)
    .dataAddresses.map((d) => d.address)
    .filter((a) => !a.includes(":"));
}

/**
 * The tools `mpath run` needs: probes are pings (or raw sockets), links and addresses come
 * from `ip`; a move needs the ip session (stdbuf) and, with the ping prober, arping for its
 * announcement. Missing, they would read as failed members.
 */
export function toolsNeeded(
  groups: MpathGroupConfig[],
  dryRun: boolean,
  prober: "native" | "ping",
): Tool[] {
  const announces = groups.some((g) => g.announce_count > 0 && announcedAddresses(g).length > 0);
  if (dryRun) return ["ip", "ping"];
  return ["ip", "ping", "stdbuf", ...(announces && prober === "ping" ? ["arping" as const] : [])];
}

/**
 * A gratuitous ARP ready per member and IPv4 data address (key `member address`), so that a
 * move fires it the moment the address arrives. `make` builds one for a member and an IP.
 */
export function announcersFor<A>(
  g: MpathGroupConfig,
  make: (member: string, ip: string) => A,
): Map<string, A> {
  const out = new Map<string, A>();
  if (g.announce_count === 0) return out;
  for (const address of announcedAddresses(g))
    for (const m of g.members) out.set(`${m} ${address}`, make(m, address.split("/")[0] as string));
  return out;
}
