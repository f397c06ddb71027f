import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { bond, ev, iface, slave, snapshot } from "../../../test/support/builders.js";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { readHost } from "../../host/read/read-host.js";
import { rule } from "./bond-down.js";

const fixture = (c: string) => readHost(join(REPO_ROOT, "test/fixtures/hosts", c), { live: false });

test("bond-down: an 802.3ad bond held down by min_links with a member up is critical, with the reason", () => {
  const [f, ...rest] = rule.check(fixture("8023ad-min-links-unmet"));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "critical");
  assert.equal(f?.title, "bond0 is down: min_links 2 not met (1 of 2 ports aggregated)");
  assert.match(f?.explanation ?? "", /although eth0 is up/);
  assert.deepEqual(
    f?.evidence.map((e) => e.text),
    [
      "Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)",
      "MII Status: down",
      "Min links: 2",
    ],
  );
});

test("bond-down names an administratively down bond and how to bring it up", () => {
  const s = snapshot({
    bonds: [bond("bond0", { miiStatus: "down", slaves: [slave("eth0", { miiStatus: "up" })] })],
    interfaces: { bond0: iface("bond0", { flags: ["BROADCAST", "MASTER"], operstate: "down" }) },
  });
  const [f] = rule.check(s);
  assert.equal(f?.title, "bond0 is down: administratively down");
  assert.deepEqual(f?.fix, ["ip link set dev bond0 up"]);
});

test("bond-down reads the bond's carrier when /proc is not there, and says when the reason is unknown", () => {
  const carrier = ev("0", 1, "sys/class/net/bond0/carrier");
  const s = snapshot({
    bonds: [bond("bond0", { slaves: [slave("eth0"), slave("eth1")] })],
    interfaces: { bond0: iface("bond0", { flags: ["UP"], carrier: false, ev: { carrier } }) },
  });
  const [f] = rule.check(s);
  assert.equal(f?.title, "bond0 is down: no member known to be up");
  assert.ok(f?.evidence.includes(carrier));
});

test("bond-down leaves all-members-down to bond-slave-down, empty bonds to bond-single-slave, up bonds alone", () => {
  const allDown = bond("bond0", {
    miiStatus: "down",
    slaves: [slave("eth0", { miiStatus: "down" }), slave("eth1", { miiStatus: "down" })],
  });
  const empty = bond("bond1", { miiStatus: "down" });
  const up = bond("bond2", { miiStatus: "up", slaves: [slave("eth2", { miiStatus: "up" })] });
  assert.deepEqual(rule.check(snapshot({ bonds: [allDown, empty, up] })), []);
});
