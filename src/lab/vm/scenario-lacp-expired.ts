// Incident 004, part 2, on a real bond: LACP negotiated, then the partner's LACPDUs on eth0 are
// lost while carrier stays up. The watcher must name Expired/Defaulted; the incident must say
// LACP died with the link up; the heal runs dry first. Then, LACP back, the same fault again
// under an enabled heal: it re-enslaves eth0 on the failure (eth1 keeps its LACP, so the guard
// may touch eth0: another member still carries traffic), once: with no cool-down, neither the
// re-enslave's own link and LACP events nor LACP's recovery once LACPDUs flow again trigger
// another one (a recovery never triggers a re-enslave).
import type { LabConfig } from "../harness/config.js";
import { negotiateLacp, portStates, SERVER_IP, waitNegotiated } from "./scenarios-lacp.js";
import type { VmEvent, VmScenario } from "./vm-scenario.js";
import { BOND_PAIR } from "./vm-topologies.js";

const WATCH = ["-i", "bond0,eth0,eth1", "--interval", "200", "--probe-interval", "200"];
const PROBE = ["--no-auto-gateway", "-t", "10.77.0.1"];

function healConfig(enabled: boolean): LabConfig {
  return {
    watch: {
      heal: {
        enabled,
        cooldown_s: 0,
        max_per_hour: 10,
        rules: [{ on: ["lacp-state-changed", "lacp-partner-lost"], action: "reenslave" }],
      },
    },
  };
}

/** lacp_rate fast: the healer ignores eth0's events for 3 LACP timeouts (9 s) after acting. */
const SETTLE_MS = 9_000;

const namesExpired = (e: VmEvent) =>
  e.kind === "lacp-state-changed" && /expired|defaulted/i.test(e.detail);
const healed = (dryRun: boolean) => (e: VmEvent) =>
  e.kind === "heal-action" && e.data?.dry_run === dryRun;

export const LACP_EXPIRED: VmScenario = {
  name: "lacp-expired",
  description:
    "incident 004 part 2: the partner's LACPDUs on eth0 are lost, carrier up; Expired, then the heal",
  topology: BOND_PAIR,
  async run(ctx) {
    await negotiateLacp(ctx, "LACP negotiated first (port states 63/63 on both members)");
    await ctx.bonding("server", "bond0", "before");
    const before = await ctx.doctor("server", "before");
    ctx.check(
      "doctor before the fault: nothing critical",
      !before.findings.some((f) => f.severity === "critical"),
      before.findings.map((f) => `${f.severity} ${f.rule}`).join(", ") || "no findings",
    );

    await ctx.watch("server", [...WATCH, ...PROBE], healConfig(false));
    const client = ctx.ping("sw", SERVER_IP);
    await ctx.sleep(3000);
    await ctx.fault("lacp-drop", "server:eth0", { direction: "from-partner" });

    const expired = await ctx.waitEvent("Expired/Defaulted named", namesExpired, 30_000);
    ctx.check("the watcher names Expired or Defaulted", expired !== undefined, expired?.detail);
    const carrier = (await ctx.sh("server", "cat /sys/class/net/eth0/carrier")).trim();
    ctx.check("carrier stayed up on eth0", carrier === "1", `carrier ${carrier}`);
    const dry = await ctx.waitEvent("a dry-run heal", healed(true), 20_000);
    const refusal = () => ctx.waitEvent("a refusal", (e) => e.kind === "heal-refused", 1);
    ctx.check(
      "the heal runs dry first (heal-action, dry_run)",
      dry !== undefined,
      dry?.detail ?? (await refusal())?.detail,
    );
    await ctx.bonding("server", "bond0", "during");
    await ctx.snapshot("server", "");
    const during = await ctx.doctor("server", "during");
    // The kernel shows Expired for three LACP timeouts, then Defaulted: either is the truth.
    const named = during.findings.find((f) => /expired|defaulted/i.test(f.title));
    ctx.check(
      "doctor during the fault names the Expired or Defaulted state",
      named !== undefined,
      named
        ? `${named.rule}: ${named.title}`
        : during.findings.map((f) => `${f.severity} ${f.rule}: ${f.title}`).join(" | "),
    );

    // One watcher at a time: the dry-run one ends before the enabled one starts, and LACP is
    // back before it does, so that the failure is a change it sees.
    await ctx.stopWatch("server");
    await ctx.fault("restore", "server:eth0");
    ctx.check(
      "LACP came back by itself once LACPDUs flowed (63/63)",
      await waitNegotiated(ctx, 60_000),
      JSON.stringify(await portStates(ctx, "server", "bond0")),
    );
    await ctx.watch("server", [...WATCH, ...PROBE], healConfig(true));
    await ctx.sleep(3000);
    await ctx.fault("lacp-drop", "server:eth0", { direction: "from-partner" });
    const real = await ctx.waitEvent("a real re-enslave", healed(false), 30_000);
    ctx.check(
      "the enabled heal re-enslaves eth0 when its LACP expires",
      real !== undefined,
      real?.detail ?? (await refusal())?.detail ?? "no heal event within 30 s",
    );
    // LACPDUs flow again: LACP recovers, which must not trigger a second re-enslave.
    await ctx.sleep(Math.min(SETTLE_MS, Math.max(0, (real?.t_ms ?? 0) + SETTLE_MS - Date.now())));
    await ctx.fault("restore", "server:eth0");
    ctx.check(
      "LACP negotiated again (63/63)",
      await waitNegotiated(ctx, 60_000),
      JSON.stringify(await portStates(ctx, "server", "bond0")),
    );
    // Past the settle window: a re-enslave that triggered itself would have shown by now.
    await ctx.sleep(Math.max(3000, (real?.t_ms ?? 0) + SETTLE_MS + 3000 - Date.now()));
    const reenslaves = ctx
      .events()
      .filter((e) => healed(false)(e) && e.data?.action === "reenslave");
    ctx.check(
      "one re-enslave, not one per event it caused (cooldown_s 0)",
      reenslaves.length === 1,
      `${reenslaves.length} re-enslaves: ${reenslaves.map((e) => e.detail).join(" | ")}`,
    );
    const master = (await ctx.sh("server", "cat /sys/class/net/eth0/master/uevent || true")).trim();
    ctx.check(
      "eth0 is in bond0 at the end",
      /INTERFACE=bond0$/m.test(master),
      master || "no master",
    );
    const outage = await client.stop();
    ctx.outage("client", outage);
    ctx.note("client", `ping from sw to ${SERVER_IP} every 100 ms`);
    ctx.check(
      "traffic came back (the client's replies resumed)",
      !outage.unrecovered,
      `longest gap ${outage.longest_gap_ms} ms, ${outage.received}/${outage.sent} replies`,
    );
    await ctx.bonding("server", "bond0", "after");
    await ctx.doctor("server", "after");
    await ctx.stopWatch("server");
    const titles = ctx.incidents().map((i) => i.title ?? "");
    ctx.check(
      "an incident says LACP died while the link was up",
      titles.some((t) => /lacp/i.test(t) && /(link|carrier)\b.*\bup/i.test(t)),
      titles.join(" | ") || "no incidents",
    );
  },
};
