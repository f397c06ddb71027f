// ARP-monitored active-backup on a segment where a neighbour broadcasts ARP: the active
// member's path beyond the switch dies silently while the neighbour's broadcasts still reach
// it. With arp_validate none the bond keeps the dead member; with all it fails over. The
// doctor's bond-arp-validate finding is checked against both.
import { activeSlave } from "./scenario-member-cut.js";
import { SERVER_IP, SWITCH_IP } from "./scenarios-lacp.js";
import { bondScript, bridgeScript } from "./switch-config.js";
import type { VmScenario, VmScenarioContext } from "./vm-scenario.js";
import { BOND_PAIR } from "./vm-topologies.js";

const NEIGHBOUR_MAC = "52:54:00:4c:bb:01";
const NEIGHBOUR_IP = "10.77.0.5";
/** How long the dead member is given to be noticed. */
const VERDICT_MS = 15_000;

/** The switch VM: a bridge (the gateway 10.77.0.1 on it) and a neighbour in a namespace. */
async function segment(ctx: VmScenarioContext): Promise<void> {
  await ctx.sh("sw", bridgeScript("br0", ["eth0", "eth1"], `${SWITCH_IP}/24`));
  await ctx.sh(
    "sw",
    [
      "ip netns add nb",
      "ip link add nbv type veth peer name nb0 netns nb",
      "ip link set nbv master br0",
      "ip link set nbv up",
      `ip -n nb link set nb0 address ${NEIGHBOUR_MAC}`,
      "ip -n nb link set nb0 up",
      `ip -n nb address add ${NEIGHBOUR_IP}/24 dev nb0`,
    ].join("\n"),
  );
}

async function arpBond(ctx: VmScenarioContext, validate: "none" | "all"): Promise<void> {
  const opts = [
    "mode active-backup",
    "arp_interval 1000",
    `arp_ip_target ${SWITCH_IP}`,
    `arp_validate ${validate}`,
    "arp_missed_max 3",
  ];
  await ctx.sh(
    "server",
    `ip link del bond0 2>/dev/null || true\n${bondScript("bond0", ["eth0", "eth1"], opts, `${SERVER_IP}/24`)}`,
  );
  await ctx.sleep(5000);
}

/** The verdict for one arp_validate value: the active member after its upstream died. */
async function trial(ctx: VmScenarioContext, validate: "none" | "all") {
  await arpBond(ctx, validate);
  const view = await ctx.doctor("server", `arp_validate-${validate}`);
  await ctx.snapshot("server", validate);
  const f = view.findings.find((x) => x.rule === "bond-arp-validate");
  const before = await activeSlave(ctx);
  await ctx.fault("upstream-dead", `server:${before}`, { neighbour: NEIGHBOUR_MAC });
  await ctx.sleep(VERDICT_MS);
  const after = await activeSlave(ctx);
  await ctx.bonding("server", "bond0", `arp_validate-${validate}`);
  await ctx.fault("restore", `server:${before}`);
  ctx.note(`arp_validate-${validate}`, {
    active_before: before,
    active_after: after,
    finding: f ? `${f.severity}: ${f.title}` : "none",
  });
  return { before, after, finding: f };
}

export const ARP_VALIDATE: VmScenario = {
  name: "arp-validate",
  description:
    "ARP-monitored active-backup: the active member's upstream dies while a neighbour's ARP broadcasts still arrive",
  topology: BOND_PAIR,
  async run(ctx) {
    await segment(ctx);
    // The neighbour announces itself every second for the whole run (bounded: 900 frames).
    const nb = ctx.lab
      .ctl("sw")
      .stream(
        [
          "ip",
          "netns",
          "exec",
          "nb",
          "arping",
          "-q",
          "-U",
          "-I",
          "nb0",
          "-i",
          "1",
          "-c",
          "900",
          NEIGHBOUR_IP,
        ],
        () => undefined,
        { timeoutMs: 900_000 },
      );
    try {
      const none = await trial(ctx, "none");
      ctx.check(
        "arp_validate none: the doctor warns (bond-arp-validate)",
        none.finding?.severity === "warning",
        none.finding?.title ?? "no finding",
      );
      ctx.check(
        `arp_validate none: the bond keeps the dead member for ${VERDICT_MS / 1000} s`,
        none.after === none.before,
        `active ${none.before} -> ${none.after}`,
      );
      const all = await trial(ctx, "all");
      ctx.check(
        "arp_validate all: the doctor does not warn",
        all.finding === undefined,
        all.finding?.title,
      );
      ctx.check(
        "arp_validate all: the bond fails over to the other member",
        all.after !== all.before && all.after !== "",
        `active ${all.before} -> ${all.after}`,
      );
    } finally {
      nb.kill("SIGTERM");
    }
  },
};
