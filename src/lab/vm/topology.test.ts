import assert from "node:assert/strict";
import { test } from "node:test";
import {
  findWire,
  nicsOf,
  runIdOfTap,
  tapName,
  type VmTopologySpec,
  validateVmTopology,
  wiresOf,
} from "./topology.js";

const pair: VmTopologySpec = {
  name: "pair",
  description: "a server's two NICs wired to a switch VM",
  vms: [
    { name: "server", nics: ["eth0", "eth1"] },
    { name: "sw", nics: ["eth0", "eth1"] },
  ],
  wires: [
    ["server:eth0", "sw:eth0"],
    ["server:eth1", "sw:eth1"],
  ],
};

test("nicsOf numbers taps across the lab and gives each NIC its own MAC", () => {
  const nics = nicsOf("8fcbf8", pair);
  assert.deepEqual(
    nics.map((n) => [n.vm, n.ifname, n.tap, n.netdev, n.mac]),
    [
      ["server", "eth0", "lg-8fcbf8-t0", "n0", "52:54:00:4c:00:00"],
      ["server", "eth1", "lg-8fcbf8-t1", "n1", "52:54:00:4c:00:01"],
      ["sw", "eth0", "lg-8fcbf8-t2", "n0", "52:54:00:4c:01:00"],
      ["sw", "eth1", "lg-8fcbf8-t3", "n1", "52:54:00:4c:01:01"],
    ],
  );
  assert.ok(nics.every((n) => n.tap.length <= 15));
  assert.ok(tapName("12345678", 99).length <= 15);
});

test("runIdOfTap recognises the lab's taps and blackhole only", () => {
  assert.equal(runIdOfTap("lg-8fcbf8-t3"), "8fcbf8");
  assert.equal(runIdOfTap("lg-8fcbf8-bh"), "8fcbf8");
  assert.equal(runIdOfTap("tap0"), undefined);
  assert.equal(runIdOfTap("lg-8fcbf8-server"), undefined);
});

test("findWire finds a wire by either end and says which end is near", () => {
  const wires = wiresOf("8fcbf8", pair);
  const w = findWire(wires, "sw:eth1");
  assert.equal(w.near.tap, "lg-8fcbf8-t3");
  assert.equal(w.far.tap, "lg-8fcbf8-t1");
  assert.throws(() => findWire(wires, "server:eth2"), /no wire at "server:eth2"/);
});

test("validateVmTopology refuses a NIC on two wires, an unknown NIC and a bad name", () => {
  validateVmTopology(pair);
  const twice = {
    ...pair,
    wires: [...pair.wires, ["server:eth0", "sw:eth1"]] as [string, string][],
  };
  assert.throws(() => validateVmTopology(twice), /server:eth0 is on two wires/);
  const unknown = { ...pair, wires: [["server:eth9", "sw:eth0"]] as [string, string][] };
  assert.throws(() => validateVmTopology(unknown), /no NIC "server:eth9"/);
  const bad = { ...pair, vms: [{ name: "server", nics: ["eth0;reboot"] }] };
  assert.throws(() => validateVmTopology(bad), /bad NIC name/);
});
