// Incident 003 on a real bond: active-backup behind switch ports that accept only the MAC they
// assigned to each NIC (VirtualBox, VMware with MAC changes and forged transmits rejected).
// With fail_over_mac none the doctor warns first; cutting the active member then stops traffic
// for good. With fail_over_mac=active the same cut costs a short outage.
import { activeSlave } from "./scenario-member-cut.js";
import { SERVER_IP, SWITCH_IP } from "./scenarios-lacp.js";
import { bondScript, bridgeScript } from "./switch-config.js";
import type { VmScenario, VmScenarioContext } from "./vm-scenario.js";
import { BOND_PAIR } from "./vm-topologies.js";

/** How long "for good" is: the bounded wait after the cut before the verdict. */
const FOR_GOOD_MS = 15_000;

async function activeBackup(ctx: VmScenarioContext, failOverMac: "none" | "active"): Promise<void> {
  await ctx.sh(
    "server",
    `ip link del bond0 2>/dev/null || true\n${bondScript("bond0", ["eth0", "eth1"], ["mode active-backup", "miimon 100", `fail_over_mac ${failOverMac}`], `${SERVER_IP}/24`)}`,
  );
  await ctx.sleep(2000);
}

/** Cuts the active member while a client pings; the stats after FOR_GOOD_MS. */
async function cutActive(ctx: VmScenarioContext, label: string) {
  const active = await activeSlave(ctx);
  const client = ctx.ping("sw", SERVER_IP);
  await ctx.sleep(3000);
  await ctx.fault("cut", `server:${active}`);
  await ctx.sleep(FOR_GOOD_MS);
  const stats = await client.stop();
  ctx.outage(label, stats);
  ctx.note(`${label}_active`, { before: active, after: await activeSlave(ctx) });
  await ctx.bonding("server", "bond0", `${label}-after-cut`);
  // restore undoes every fault on the wire: the port's MAC filter comes back at once.
  await ctx.fault("restore", `server:${active}`);
  await ctx.fault("mac-filter", `server:${active}`);
  return stats;
}

export const AB_VIRTUAL_SWITCH: VmScenario = {
  name: "ab-virtual-switch",
  description:
    "incident 003: active-backup behind MAC-filtering virtual switch ports; fail_over_mac none, then active",
  topology: BOND_PAIR,
  async run(ctx) {
    await ctx.sh("sw", bridgeScript("br0", ["eth0", "eth1"], `${SWITCH_IP}/24`));
    for (const nic of ["server:eth0", "server:eth1"]) await ctx.fault("mac-filter", nic);
    await activeBackup(ctx, "none");
    const before = await ctx.doctor("server", "fail_over_mac-none");
    const warn = before.findings.find((f) => f.rule === "failover-mac-virtual");
    ctx.check(
      "fail_over_mac none: the doctor warns before anything happens (failover-mac-virtual)",
      warn !== undefined && warn.severity !== "info",
      warn
        ? `${warn.severity}: ${warn.title}`
        : before.findings.map((f) => f.rule).join(", ") || "no findings",
    );
    await ctx.snapshot("server", "");
    const ping = await ctx.exec("sw", ["ping", "-c", "3", "-i", "0.3", "-W", "2", SERVER_IP]);
    ctx.check("traffic flows before the cut", ping.code === 0, ping.stdout.split("\n").at(-3));
    const none = await cutActive(ctx, "fail_over_mac-none");
    ctx.check(
      `fail_over_mac none: cutting the active member stops traffic for good (no reply for ${FOR_GOOD_MS / 1000} s)`,
      none.unrecovered,
      `longest gap ${none.longest_gap_ms} ms, ${none.received}/${none.sent} replies`,
    );

    await activeBackup(ctx, "active");
    const after = await ctx.doctor("server", "fail_over_mac-active");
    const still = after.findings.find((f) => f.rule === "failover-mac-virtual");
    ctx.check(
      "fail_over_mac active: the doctor no longer warns",
      still === undefined,
      still?.title,
    );
    const active = await cutActive(ctx, "fail_over_mac-active");
    ctx.check(
      "fail_over_mac active: the same cut costs a short outage, then traffic flows",
      !active.unrecovered && active.received > 0,
      `longest gap ${active.longest_gap_ms} ms, ${active.received}/${active.sent} replies`,
    );
  },
};
