// The 802.3ad scenarios on real bonds: incident 000 (no LACP partner) and incident 004 part 2
// (LACP expired while carrier stayed up).
import { parseProcNetBonding } from "../../host/parse/proc-net-bonding.js";
import { bondScript, bridgeScript } from "./switch-config.js";
import type { DoctorView, VmScenario, VmScenarioContext } from "./vm-scenario.js";
import { BOND_PAIR } from "./vm-topologies.js";

export const SERVER_IP = "10.77.0.10";
export const SWITCH_IP = "10.77.0.1";
const LACP_OPTS = ["mode 802.3ad", "miimon 100", "lacp_rate fast", "xmit_hash_policy layer2"];

function serverLacpBond(ctx: VmScenarioContext): Promise<string> {
  return ctx.sh("server", bondScript("bond0", ["eth0", "eth1"], LACP_OPTS, `${SERVER_IP}/24`));
}

function switchLacpChannel(ctx: VmScenarioContext): Promise<string> {
  return ctx.sh("sw", bondScript("bond0", ["eth0", "eth1"], LACP_OPTS, `${SWITCH_IP}/24`));
}

/** Port states of each member of a bond, read now (from /proc/net/bonding). */
export async function portStates(
  ctx: VmScenarioContext,
  vm: string,
  bond: string,
): Promise<{ name: string; actor?: number; partner?: number; partnerMac?: string }[]> {
  const text = await ctx.lab.ctl(vm).run(["cat", `/proc/net/bonding/${bond}`]);
  const b = parseProcNetBonding(text, `proc/net/bonding/${bond}`, bond).value[0];
  return (b?.slaves ?? []).map((s) => ({
    name: s.name,
    ...(s.actor?.state?.raw !== undefined && { actor: s.actor.state.raw }),
    ...(s.partner?.state?.raw !== undefined && { partner: s.partner.state.raw }),
    ...(s.partner?.systemMac !== undefined && { partnerMac: s.partner.systemMac }),
  }));
}

/** Waits (bounded) until every member of the server's bond is in sync both ways (state 63). */
export async function waitNegotiated(ctx: VmScenarioContext, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const states = await portStates(ctx, "server", "bond0");
    // Both members: a member the bond lost does not count as negotiated.
    if (states.length === 2 && states.every((s) => s.actor === 63 && s.partner === 63)) return true;
    await ctx.sleep(1000);
  }
  return false;
}

/**
 * Both ends bonded with LACP (the switch VM's channel, then the server's bond), and the check
 * `what` that they negotiated: every server member 63/63.
 */
export async function negotiateLacp(ctx: VmScenarioContext, what: string): Promise<void> {
  await switchLacpChannel(ctx);
  await serverLacpBond(ctx);
  ctx.check(
    what,
    await waitNegotiated(ctx),
    JSON.stringify(await portStates(ctx, "server", "bond0")),
  );
}

function finding(view: DoctorView, rule: string) {
  return view.findings.find((f) => f.rule === rule);
}

export const LACP_NO_PARTNER: VmScenario = {
  name: "lacp-no-partner",
  description: "incident 000: an 802.3ad bond whose switch ports are in no LACP channel",
  topology: BOND_PAIR,
  async run(ctx) {
    await ctx.sh("sw", bridgeScript("br0", ["eth0", "eth1"], `${SWITCH_IP}/24`));
    await serverLacpBond(ctx);
    // Fast rate: 3 s without a partner's LACPDU and the port is defaulted; leave it twice that.
    await ctx.sleep(8000);
    const text = await ctx.bonding("server", "bond0", "server");
    ctx.note("switch_view", {
      vm: "sw",
      ports: await ctx.sh("sw", "bridge link show"),
      lacp: "none: eth0 and eth1 are plain bridge ports of br0 (no channel; a bridge never forwards LACPDUs)",
    });
    const states = await portStates(ctx, "server", "bond0");
    ctx.note("port_states", states);
    ctx.check(
      "no member has an LACP partner (partner MAC all zeros)",
      states.length === 2 && states.every((s) => /^(00:){5}00$/.test(s.partnerMac ?? "")),
      JSON.stringify(states),
    );
    for (const user of ["root", "nobody"] as const) {
      const view = await ctx.doctor("server", `server-${user}`, user);
      const f = finding(view, "lacp-no-partner");
      ctx.check(
        `doctor as ${user}: lacp-no-partner, critical`,
        f?.severity === "critical",
        f
          ? `${f.severity}: ${f.title}`
          : `rules seen: ${view.findings.map((x) => x.rule).join(", ") || "none"}`,
      );
      const lines = (f?.evidence ?? []) as { text?: string }[];
      ctx.check(
        `doctor as ${user}: the evidence is lines of the real /proc/net/bonding/bond0`,
        lines.length > 0 && lines.every((l) => l.text !== undefined && text.includes(l.text)),
        lines.map((l) => l.text).join(" | "),
      );
    }
    await ctx.snapshot("server", "");
  },
};
