import assert from "node:assert/strict";
import { test } from "node:test";
import { bondScript, bridgeScript } from "./switch-config.js";

test("bondScript creates the bond, enslaves each member down, then brings the bond up with its address", () => {
  const s = bondScript(
    "bond0",
    ["eth0", "eth1"],
    ["mode 802.3ad", "lacp_rate fast"],
    "10.77.0.10/24",
  ).split("\n");
  assert.equal(s[0], "ip link add bond0 type bond mode 802.3ad lacp_rate fast");
  assert.ok(s.indexOf("ip link set eth0 down") < s.indexOf("ip link set eth0 master bond0"));
  assert.equal(s.at(-1), "ip address add 10.77.0.10/24 dev bond0");
});

test("bondScript and bridgeScript refuse anything that could reach the shell", () => {
  assert.throws(() => bondScript("bond0", ["eth0;reboot"], []), /bad interface/);
  assert.throws(() => bondScript("bond0", ["eth0"], ["mode 802.3ad; reboot"]), /bad bond option/);
  assert.throws(() => bridgeScript("br0", ["eth0"], "10.77.0.1/24 dev lo"), /bad address/);
});
