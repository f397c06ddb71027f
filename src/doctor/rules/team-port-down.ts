// teamd: a port whose link is down, or that the LACP runner has not selected.
import type { Team, TeamPort } from "../../host/model.js";
import type { Finding, Rule } from "../types.js";

const ID = "team-port-down";

/** teamd's own verdict: its link watches (`link_watches.up`), else the carrier. */
const portDown = (p: TeamPort): boolean => (p.linkWatchUp ?? p.linkUp) === false;

/** Down by a link watch while the carrier is up: say which watch. */
function watchOnly(p: TeamPort): string | undefined {
  if (p.linkWatchUp !== false || p.linkUp !== true) return undefined;
  const down = (p.linkWatches ?? []).filter((w) => w.up === false).map((w) => w.name);
  return `${p.name}: carrier up, but teamd's link watch ${down.join(", ") || "(link_watches.up false)"} says down`;
}

/** teamd lacp runner port states (teamd_runner_lacp.c): current, expired, defaulted. */
const RUNNER_STATE: Record<string, string> = {
  expired: "LACPDUs from the partner stopped arriving (Expired)",
  defaulted: "no LACPDU received: partner information is the default (Defaulted)",
};

function runnerStates(ports: TeamPort[]): string {
  const said = ports.flatMap((p) => {
    const m = p.lacpState ? RUNNER_STATE[p.lacpState.toLowerCase()] : undefined;
    return m ? [`${p.name}: runner state ${p.lacpState}, ${m}`] : [];
  });
  return said.length > 0 ? ` (${said.join("; ")})` : "";
}

function downText(down: TeamPort[], up: number): string {
  const byWatch = down.flatMap((p) => watchOnly(p) ?? []);
  const noLink = down.filter((p) => !watchOnly(p)).map((p) => p.name);
  return [
    `teamd judges ${down.map((p) => p.name).join(", ")} down (its link watches' verdict, link_watches.up).`,
    ...byWatch.map(
      (t) =>
        `${t}: its probes (ARP, or NS/NA, to the target) get no answer, so the path beyond the port is broken (switch uplink, VLAN, target host) although the link light is on.`,
    ),
    noLink.length > 0
      ? `${noLink.join(", ")}: no link (a cable, transceiver, switch port or NIC fault).`
      : "",
    up === 0
      ? "No port is up: the team carries no traffic."
      : "The team runs on what is left and has no redundancy until the port is back.",
  ]
    .filter(Boolean)
    .join(" ");
}

function finding(team: Team, down: TeamPort[], unselected: TeamPort[]): Finding {
  const up = team.ports.length - down.length;
  const names = (ps: TeamPort[]) => ps.map((p) => p.name).join(", ");
  const parts: string[] = [];
  if (down.length > 0) parts.push(`${names(down)} down`);
  if (unselected.length > 0) parts.push(`${names(unselected)} not selected by LACP`);
  return {
    rule: ID,
    members: [...down, ...unselected].map((p) => p.name),
    severity: up === 0 ? "critical" : "warning",
    subject: team.name,
    title: `${team.name}: ${parts.join("; ")} (${up} of ${team.ports.length} ports up)`,
    explanation:
      (down.length > 0 ? `${downText(down, up)} ` : "") +
      (unselected.length > 0
        ? `The lacp runner did not select ${names(unselected)} although the link is up${runnerStates(unselected)}: the port got no usable LACPDU from the switch (no LACP on that switch port, a different port-channel, or another partner system), so it carries nothing. The switch side shows it as "suspended" or "stand-alone". `
        : ""),
    evidence: [team.source],
    fix: [
      `teamdctl ${team.name} state view   # per port: link, link watches, runner state`,
      ...(unselected.length > 0
        ? [
            `teamdctl ${team.name} state item get ports.${unselected[0]?.name}.runner.partner_lacpdu_info   # who is on the other side?`,
          ]
        : []),
      ...down.map((p) => `ethtool ${p.name} | grep -E 'Speed|Link detected'`),
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A team port is down or not selected by the LACP runner",
  severity: "critical",
  doc: {
    what: "Reads `teamdctl <team> state dump` and reports ports teamd judges down — its link watches' verdict (`link_watches.up`), so an arp_ping or nsna_ping watch that fails while the carrier is up counts, and the carrier (`link.up`) only when no watch verdict is shown — and, for the lacp runner, ports with link up that the runner has not selected for the aggregator. Critical when no port of the team is up.",
    why: "A team with a dead port keeps working on the others, so nobody notices that the redundancy is gone until the next failure. An unselected LACP port is worse: its link light is on, yet it carries no traffic (the teamd equivalent of a bond member without an LACP partner, incident 000).",
    evidence:
      "The team's state dump (sos_commands/teamd/teamdctl_<team>_state_dump or the live teamdctl output).",
    fix: "Check the port's cable, transceiver and switch port (`ethtool <port>`); for an unselected LACP port, compare `teamdctl <team> state view` with the switch's port-channel membership.",
    references: [
      "teamd.conf(5): runner lacp, link_watch",
      "teamdctl(8)",
      "IEEE 802.1AX-2014 6.4.14 (Selection Logic)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const team of s.teams) {
      const down = team.ports.filter(portDown);
      const unselected =
        team.runner === "lacp"
          ? team.ports.filter((p) => !portDown(p) && p.linkUp === true && p.lacpSelected === false)
          : [];
      if (down.length > 0 || unselected.length > 0) out.push(finding(team, down, unselected));
    }
    return out;
  },
};
