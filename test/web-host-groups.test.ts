// The health view's groups from a host snapshot: real bonding samples from the corpus, teams as
// teamd's state dump describes them, and DSR VIPs with and without a doctor finding.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Finding } from "../src/doctor/types.js";
import type { Team, TeamPort } from "../src/host/model.js";
import { parseProcNetBonding } from "../src/host/parse/proc-net-bonding.js";
import { parseTeamdState } from "../src/host/parse/teamd-state.js";
import { hostGroups } from "../src/web/host-groups.js";
import { ev, iface, inet, snapshot } from "./support/builders.js";
import { CORPUS } from "./support/paths.js";

function corpusBond(file: string) {
  const path = join(CORPUS, "proc-net-bonding", file);
  const parsed = parseProcNetBonding(readFileSync(path, "utf8"), path, "bond0");
  assert.equal(parsed.value.length, 1, file);
  return parsed.value;
}

const members = (g: { members: { name: string; state: string }[] } | undefined) =>
  Object.fromEntries((g?.members ?? []).map((m) => [m.name, m.state]));

test("an active-backup bond with its backup down is degraded; the active member is up", () => {
  const [g] = hostGroups(
    snapshot({
      bonds: corpusBond("active-backup-v3.6.0-backup-down-speed-mismatch-empty-hwaddr.txt"),
    }),
    [],
  );
  assert.equal(g?.kind, "bond");
  assert.equal(g?.state, "degraded");
  assert.deepEqual(members(g), { eth3: "down", eth2: "up" });
});

test("a healthy active-backup bond is ok, with the backup on standby", () => {
  const [g] = hostGroups(snapshot({ bonds: corpusBond("active-backup-10g-healthy.txt") }), []);
  assert.equal(g?.state, "ok");
  assert.deepEqual(Object.values(members(g)).sort(), ["standby", "up"]);
});

test("802.3ad members outside the active aggregator are degraded: link up, no traffic", () => {
  const [g] = hostGroups(
    snapshot({ bonds: corpusBond("8023ad-v3.4.0-two-aggregators-half-ports-idle.txt") }),
    [],
  );
  assert.equal(g?.state, "degraded");
  assert.deepEqual(members(g), { eth0: "degraded", eth1: "degraded", eth2: "up", eth3: "up" });
  assert.match(g?.members[0]?.detail ?? "", /aggregator 2, not the active aggregator 3/);
});

test("an 802.3ad member whose partner MAC is all zeros is degraded: no LACPDU from the switch", () => {
  const [g] = hostGroups(
    snapshot({
      bonds: corpusBond("8023ad-partner-mac-zero-churned-slave-down-pdu-details.txt"),
    }),
    [],
  );
  const zero = g?.members.filter((m) => /no LACPDU from the switch/.test(m.detail)) ?? [];
  assert.ok(zero.length > 0, JSON.stringify(g?.members));
  assert.notEqual(g?.state, "ok");
});

const port = (name: string, fields: Partial<TeamPort> = {}): TeamPort => ({
  name,
  ev: {},
  ...fields,
});
const team = (runner: string, ports: TeamPort[], fields: Partial<Team> = {}): Team => ({
  name: "team0",
  runner,
  ports,
  source: ev("teamdctl team0 state dump", 1, "sos_commands/teamd/teamdctl_team0_state_dump"),
  ev: {},
  ...fields,
});

test("a team is a group: a down port, an LACP port the runner did not select, a selected one", () => {
  const [g] = hostGroups(
    snapshot({
      teams: [
        team("lacp", [
          port("eth1", { linkUp: true, lacpSelected: true, speedMbps: 10000 }),
          port("eth2", { linkUp: false }),
          port("eth3", { linkUp: true, lacpSelected: false }),
        ]),
      ],
    }),
    [],
  );
  assert.equal(g?.kind, "team");
  assert.equal(g?.detail, "teamd runner lacp");
  assert.equal(g?.state, "degraded");
  assert.deepEqual(members(g), { eth1: "up", eth2: "down", eth3: "degraded" });
  assert.equal(g?.members[0]?.detail, "link up, 10000 Mb/s");
});

test("an activebackup team: the backup is standby; with every port down the team failed", () => {
  const ok = hostGroups(
    snapshot({
      teams: [
        team("activebackup", [port("eno1", { linkUp: true }), port("eno2", { linkUp: true })], {
          activePort: "eno1",
        }),
      ],
    }),
    [],
  )[0];
  assert.equal(ok?.state, "ok");
  assert.deepEqual(members(ok), { eno1: "up", eno2: "standby" });

  const failed = hostGroups(
    snapshot({
      teams: [
        team("activebackup", [port("eno1", { linkUp: false }), port("eno2", { linkUp: false })]),
      ],
    }),
    [],
  )[0];
  assert.equal(failed?.state, "failed");
});

test("a real teamd state dump without ports is a team group whose state is unknown", () => {
  const path = join(CORPUS, "teamd", "state-dump-activebackup-active-eno1.json");
  const parsed = parseTeamdState(readFileSync(path, "utf8"), path, "team0");
  assert.ok(parsed.value, "the corpus dump parses");
  const [g] = hostGroups(snapshot({ teams: [parsed.value] }), []);
  assert.equal(g?.kind, "team");
  assert.equal(g?.state, "unknown");
  assert.equal(g?.detail, "teamd runner activebackup");
});

test("a DSR VIP on lo is ok; a dsr- finding naming it makes it degraded, or failed when critical", () => {
  const s = snapshot({
    interfaces: {
      lo: iface("lo", {
        kind: "loopback",
        addresses: [inet("127.0.0.1", 8), inet("192.0.2.10", 32, { label: "lo:0" })],
      }),
    },
  });
  const vip = hostGroups(s, []).find((g) => g.kind === "dsr");
  assert.equal(vip?.name, "192.0.2.10");
  assert.equal(vip?.state, "ok");

  const finding = {
    rule: "dsr-arp-sysctls",
    severity: "critical",
    subject: "192.0.2.10",
    title: "arp_ignore is 0: the real server answers ARP for the VIP",
  } as Finding;
  const bad = hostGroups(s, [finding]).find((g) => g.kind === "dsr");
  assert.equal(bad?.state, "failed", "a critical finding breaks the VIP");
  assert.equal(bad?.members[0]?.state, "degraded");
  assert.match(bad?.members[0]?.detail ?? "", /arp_ignore/);
  const warned = hostGroups(s, [{ ...finding, severity: "warning" }]).find((g) => g.kind === "dsr");
  assert.equal(warned?.state, "degraded");
});
