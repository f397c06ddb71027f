// From configuration to running groups: for each group, its members' facts, its probe
// targets, its runner, the start-up checks (as warnings), and, unless dry, its announcements
// armed and its addresses and routing tables set up. What it reads and runs comes in `io`.
import type { IpAddrJson } from "../runtime/discover.js";
import { checkGroup } from "./checks.js";
import type { MpathGroupConfig } from "./config.js";
import { groupTargets, memberFacts, routingTables, type SetupIo, setUpGroup } from "./setup.js";

export interface AssembleIo<R> {
  dryRun: boolean;
  gateways: string[];
  /** `ip -j address` at start: each member's MAC and test addresses. */
  links: IpAddrJson[];
  /** The all-hosts search for targets (targets.ts). */
  discover(members: string[], self: string[]): Promise<string[]>;
  setup: SetupIo;
  /** Arms a group's announcements (Mover.arm). */
  arm(g: MpathGroupConfig): void;
  runner(g: MpathGroupConfig, targets: string[], tables: Map<string, number>): R;
}

export async function assembleGroups<R>(
  groups: MpathGroupConfig[],
  io: AssembleIo<R>,
): Promise<R[]> {
  const tables = routingTables(groups);
  const runners: R[] = [];
  for (const [i, g] of groups.entries()) {
    const table = tables[i] as Map<string, number>;
    const facts = memberFacts(g, groups, io.links);
    const self = facts.flatMap((m) => m.testAddresses);
    const targets = await groupTargets(g, io.gateways, self, io.discover, io.setup);
    runners.push(io.runner(g, targets, table));
    for (const w of checkGroup(g.name, facts, targets.length > 0))
      io.setup.emit({
        t_ms: io.setup.now(),
        kind: w.kind,
        severity: "warning",
        subject: w.subject,
        detail: w.detail,
        data: { group: g.name },
      });
    if (io.dryRun) continue;
    io.arm(g);
    await setUpGroup(g, table, io.gateways[0], io.setup);
  }
  return runners;
}
