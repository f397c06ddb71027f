// A member's cable is cut for real (carrier loss inside the VM, QEMU set_link) under 802.3ad
// and then under active-backup: MII down, the active member or aggregator moves, the watcher's
// events come in order, and the client's outage is measured.

import { negotiateLacp, SERVER_IP, SWITCH_IP } from "./scenarios-lacp.js";
import { bondScript, bridgeScript } from "./switch-config.js";
import type { VmScenario, VmScenarioContext } from "./vm-scenario.js";
import { BOND_PAIR } from "./vm-topologies.js";

const WATCH = ["-i", "bond0,eth0,eth1", "--interval", "100", "--probe-interval", "200"];
const PROBE = ["--no-auto-gateway", "-t", SWITCH_IP];

export async function activeSlave(ctx: VmScenarioContext, vm = "server"): Promise<string> {
  return (await ctx.sh(vm, "cat /sys/class/net/bond0/bonding/active_slave")).trim();
}

/** Cuts `nic`, waits for the events, restores; checks and records the client's outage. */
async function cutAndMeasure(ctx: VmScenarioContext, label: string, nic: string): Promise<void> {
  const client = ctx.ping("sw", SERVER_IP);
  await ctx.sleep(2000);
  const at = await ctx.fault("cut", `server:${nic}`);
  const down = await ctx.waitEvent(
    `${label}: link-down ${nic}`,
    (e) => e.kind === "link-down" && e.subject === nic && e.t_ms >= at,
    20_000,
  );
  ctx.check(
    `${label}: the watcher saw ${nic} lose carrier (link-down)`,
    down !== undefined,
    down ? `reached the host ${down.t_ms - at} ms after the cut` : undefined,
  );
  await ctx.sleep(3000);
  const text = await ctx.bonding("server", "bond0", `${label}-cut`);
  await ctx.snapshot("server", label);
  const mii = new RegExp(`Slave Interface: ${nic}\\nMII Status: down`).test(text);
  ctx.check(`${label}: /proc/net/bonding shows ${nic} MII down`, mii);
  const outage = await client.stop();
  ctx.outage(label, outage);
  ctx.check(
    `${label}: the client kept (or got back) its traffic`,
    !outage.unrecovered,
    `longest gap ${outage.longest_gap_ms} ms, ${outage.received}/${outage.sent} replies`,
  );
  await ctx.fault("restore", `server:${nic}`);
  const up = await ctx.waitEvent(
    `${label}: link-up ${nic}`,
    (e) => e.kind === "link-up" && e.subject === nic && e.t_ms >= at,
    20_000,
  );
  ctx.check(`${label}: ${nic} back (link-up)`, up !== undefined);
}

export const MEMBER_CUT: VmScenario = {
  name: "member-cut",
  description:
    "a member's cable is cut (real carrier loss) under 802.3ad, then under active-backup",
  topology: BOND_PAIR,
  async run(ctx) {
    // 802.3ad with a real partner
    await negotiateLacp(ctx, "802.3ad: negotiated (63/63 on both)");
    await ctx.watch("server", [...WATCH, ...PROBE]);
    await cutAndMeasure(ctx, "802.3ad", "eth0");
    const lacp = ctx.events().filter((e) => e.kind.startsWith("lacp-") && e.subject === "eth0");
    ctx.check(
      "802.3ad: LACP reselection seen by the watcher (an LACP event on eth0)",
      lacp.length > 0,
      lacp
        .map((e) => e.detail)
        .slice(0, 3)
        .join(" | "),
    );
    await ctx.stopWatch("server");

    // active-backup behind a plain bridge
    await ctx.sh(
      "sw",
      `ip link del bond0\n${bridgeScript("br0", ["eth0", "eth1"], `${SWITCH_IP}/24`)}`,
    );
    await ctx.sh(
      "server",
      `ip link del bond0\n${bondScript("bond0", ["eth0", "eth1"], ["mode active-backup", "miimon 100"], `${SERVER_IP}/24`)}`,
    );
    await ctx.sleep(2000);
    const active = await activeSlave(ctx);
    ctx.note("active_backup_active_before", active);
    await ctx.watch("server", [...WATCH, ...PROBE]);
    const since = Date.now();
    await cutAndMeasure(ctx, "active-backup", active);
    // In the VM's own clock: events of one sampling round may reach the host together.
    const order = ctx
      .events()
      .filter((e) => e.t_ms >= since && ["link-down", "active-slave-changed"].includes(e.kind))
      .sort((a, b) => (a.guest_t_ms ?? a.t_ms) - (b.guest_t_ms ?? b.t_ms))
      .map((e) => `${e.kind}@${e.guest_t_ms ?? "?"}`);
    const kinds = order.map((o) => o.split("@")[0]);
    ctx.check(
      "active-backup: link-down, then active-slave-changed",
      kinds.indexOf("link-down") >= 0 &&
        kinds.indexOf("link-down") <= kinds.indexOf("active-slave-changed"),
      order.join(", "),
    );
    ctx.note("active_backup_active_after", await activeSlave(ctx));
    await ctx.stopWatch("server");
  },
};
