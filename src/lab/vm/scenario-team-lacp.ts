// teamd's LACP runner on a real kernel (the team modules from Debian's package): the partner
// runs LACP on eth0 only, so the runner must leave eth1 unselected while its link is up, and
// the doctor (team-port-down) must say so, as root and as nobody.
import { SERVER_IP, SWITCH_IP } from "./scenarios-lacp.js";
import { bondScript } from "./switch-config.js";
import type { VmScenario } from "./vm-scenario.js";
import { BOND_PAIR } from "./vm-topologies.js";

/** teamd.conf(5): the lacp runner, fast rate, ethtool link watch. */
const TEAM_CONF = {
  device: "team0",
  runner: { name: "lacp", active: true, fast_rate: true, tx_hash: ["eth", "ipv4"] },
  link_watch: { name: "ethtool" },
  ports: { eth0: {}, eth1: {} },
};

interface TeamPortState {
  link?: { up?: boolean };
  runner?: { selected?: boolean; state?: string };
}

export const TEAM_LACP: VmScenario = {
  name: "team-lacp",
  description: "teamd's lacp runner: the partner runs LACP on eth0 only, eth1 stays unselected",
  topology: BOND_PAIR,
  async run(ctx) {
    await ctx.sh(
      "sw",
      `${bondScript("bond0", ["eth0"], ["mode 802.3ad", "miimon 100", "lacp_rate fast"], `${SWITCH_IP}/24`)}\nip link set eth1 up`,
    );
    const conf = ctx.writeFile("server", "team0.conf", JSON.stringify(TEAM_CONF));
    await ctx.sh(
      "server",
      `ip link set eth0 down\nip link set eth1 down\nteamd -d -f ${conf}`,
      60_000,
    );
    await ctx.sh("server", `ip link set team0 up\nip address add ${SERVER_IP}/24 dev team0`);
    await ctx.sleep(8000);
    const dump = JSON.parse(await ctx.sh("server", "teamdctl team0 state dump")) as {
      ports?: Record<string, TeamPortState>;
    };
    const ports = dump.ports ?? {};
    ctx.note(
      "teamdctl_ports",
      Object.fromEntries(
        Object.entries(ports).map(([k, v]) => [
          k,
          { link: v.link?.up, selected: v.runner?.selected, state: v.runner?.state },
        ]),
      ),
    );
    ctx.check(
      "teamd selected eth0 (its partner speaks LACP)",
      ports.eth0?.runner?.selected === true,
      JSON.stringify(ports.eth0?.runner),
    );
    ctx.check(
      "teamd left eth1 unselected, link up",
      ports.eth1?.runner?.selected === false && ports.eth1?.link?.up === true,
      JSON.stringify(ports.eth1),
    );
    // The partner's side: its bond's view of eth0 (in an aggregator) and nothing on eth1.
    await ctx.bonding("sw", "bond0", "switch");
    const ping = await ctx.exec("sw", ["ping", "-c", "3", "-i", "0.3", "-W", "2", SERVER_IP]);
    ctx.check(
      "traffic flows through the team (via eth0)",
      ping.code === 0,
      ping.stdout.split("\n").at(-3),
    );
    const root = await ctx.doctor("server", "server-root");
    const f = root.findings.find((x) => x.rule === "team-port-down");
    ctx.check(
      "doctor as root: team-port-down names eth1 not selected",
      f !== undefined && /eth1 not selected/.test(f.title),
      f
        ? `${f.severity}: ${f.title}`
        : root.findings.map((x) => x.rule).join(", ") || "no findings",
    );
    // teamdctl refuses non-root users: the doctor cannot see the team, and must say so.
    const user = await ctx.doctor("server", "server-nobody", "nobody");
    const said = user.unseen.find((u) => /teamdctl team0/.test(u));
    ctx.check(
      "doctor as nobody: says it could not read the team's state",
      said !== undefined,
      said ?? `unseen: ${user.unseen.join("; ") || "nothing"}`,
    );
    await ctx.snapshot("server", "");
  },
};
