import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ev, snapshot } from "../../../test/support/builders.js";
import { REPO_ROOT } from "../../../test/support/paths.js";
import type { Team, TeamPort } from "../../host/model.js";
import { readHost } from "../../host/read/read-host.js";
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
  assert.equal(f?.title, "team0: eth2 down; eth3 not selected by LACP (2 of 3 ports up)");
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

test("team-port-down takes teamd's link-watch verdict: an arp_ping watch down with carrier up is a down port", () => {
  const snap = readHost(join(REPO_ROOT, "test/fixtures/hosts/team-arp-ping-watch-down"), {
    live: false,
  });
  const [f, ...rest] = rule.check(snap);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.title, "team0: eth2 down (1 of 2 ports up)");
  assert.match(f?.explanation ?? "", /eth2: carrier up, but teamd's link watch arp_ping says down/);
});

test("team-port-down names the lacp runner's port state: expired is LACPDUs that stopped arriving", () => {
  const s = snapshot({
    teams: [
      team("lacp", [
        port("eth1", { linkUp: true, lacpSelected: true, lacpState: "current" }),
        port("eth2", { linkUp: true, lacpSelected: false, lacpState: "expired" }),
      ]),
    ],
  });
  const [f] = rule.check(s);
  assert.match(
    f?.explanation ?? "",
    /eth2: runner state expired, LACPDUs from the partner stopped arriving \(Expired\)/,
  );
});
