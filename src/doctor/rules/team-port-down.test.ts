import assert from "node:assert/strict";
import { test } from "node:test";
import { ev, snapshot } from "../../../test/support/builders.js";
import type { Team, TeamPort } from "../../host/model.js";
import { rule } from "./team-port-down.js";

const port = (name: string, fields: Partial<TeamPort> = {}): TeamPort => ({
  name,
  ev: {},
  ...fields,
});
const team = (runner: string, ports: TeamPort[]): Team => ({
  name: "team0",
  runner,
  ports,
  source: ev("teamdctl team0 state dump", 1, "sos_commands/teamd/teamdctl_team0_state_dump"),
  ev: {},
});

test("team-port-down warns about a down port and an unselected LACP port", () => {
  const s = snapshot({
    teams: [
      team("lacp", [
        port("eth1", { linkUp: true, lacpSelected: true }),
        port("eth2", { linkUp: false }),
        port("eth3", { linkUp: true, lacpSelected: false }),
      ]),
    ],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(
    f?.title,
    "team0: eth2 link down; eth3 not selected by LACP (2 of 3 ports have link)",
  );
  assert.equal(f?.evidence[0]?.file, "sos_commands/teamd/teamdctl_team0_state_dump");
});

test("team-port-down is critical when every port is down", () => {
  const s = snapshot({
    teams: [
      team("activebackup", [port("eth1", { linkUp: false }), port("eth2", { linkUp: false })]),
    ],
  });
  assert.equal(rule.check(s)[0]?.severity, "critical");
});

test("team-port-down is silent for a healthy team and for unknown link state", () => {
  const s = snapshot({
    teams: [
      team("lacp", [port("eth1", { linkUp: true, lacpSelected: true }), port("eth2")]),
      team("activebackup", []),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});
