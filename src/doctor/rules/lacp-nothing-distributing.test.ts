import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { bond, ev, slave, snapshot } from "../../../test/support/builders.js";
import { REPO_ROOT } from "../../../test/support/paths.js";
import type { BondSlave } from "../../host/model.js";
import { decodeLacpState } from "../../host/parse/lacp-state.js";
import { readHost } from "../../host/read/read-host.js";
import { rule } from "./lacp-nothing-distributing.js";

const fixture = (c: string) => readHost(join(REPO_ROOT, "test/fixtures/hosts", c), { live: false });
const SWITCH = "00:00:5e:00:01:01";

test("lacp-nothing-distributing: 'has no active aggregator' with every member N/A is critical (real v3.5.0 text)", () => {
  const [f, ...rest] = rule.check(fixture("8023ad-no-active-aggregator"));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "critical");
  assert.equal(
    f?.title,
    "bond0: no active aggregator, no member carries traffic (eth1, eth2 attached to no aggregator)",
  );
  assert.match(f?.explanation ?? "", /attached to no aggregator \("Aggregator ID: N\/A"\)/);
  assert.ok(f?.evidence.some((e) => e.text === "bond bond0 has no active aggregator"));
  assert.ok(f?.evidence.some((e) => e.text === "Aggregator ID: N/A"));
});

function port(name: string, actor: number): BondSlave {
  return slave(name, {
    miiStatus: "up",
    aggregatorId: 1,
    actor: { state: decodeLacpState(actor) },
    partner: { systemMac: SWITCH, state: decodeLacpState(13) },
    ev: { actorPortState: ev(`    port state: ${actor}`, 9) },
  });
}

test("lacp-nothing-distributing: a partner that answers while no port collects and distributes is critical", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    miiStatus: "up",
    ad: { activeAggregator: { id: 1, ports: 2, partnerMac: SWITCH } },
    slaves: [port("eth0", 15), port("eth1", 143)],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(f?.title, "bond0: no member is collecting and distributing (eth0, eth1)");
  assert.match(
    f?.explanation ?? "",
    /eth1: actor port state 143 = .*Expired \(LACPDUs from the partner stopped arriving\)/,
  );
});

test("lacp-nothing-distributing stays quiet when a port distributes, or when the active aggregator has no partner", () => {
  const one = bond("bond0", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 2, partnerMac: SWITCH } },
    slaves: [port("eth0", 63), port("eth1", 15)],
  });
  // No partner: the kernel enables the ports of the partnerless aggregator (lacp-no-partner's case).
  const lonely = bond("bond1", {
    mode: "802.3ad",
    ad: { activeAggregator: { id: 1, ports: 1, partnerMac: "00:00:00:00:00:00" } },
    slaves: [
      slave("eth2", { miiStatus: "up", aggregatorId: 1, actor: { state: decodeLacpState(71) } }),
    ],
  });
  assert.deepEqual(rule.check(snapshot({ bonds: [one, lonely] })), []);
});
