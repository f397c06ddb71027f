import assert from "node:assert/strict";
import { test } from "node:test";
import { parseWatchConfig } from "./config.js";
import { planProbes } from "./probe-plan.js";

/** An `ip` that answers the two questions the plan asks, and records them. */
function fakeIp(routes: unknown[], addresses: unknown[]) {
  const asked: string[] = [];
  const ip = async (argv: string[]) => {
    asked.push(argv.join(" "));
    if (argv.join(" ") === "ip -j route show default") return JSON.stringify(routes);
    if (argv.join(" ") === "ip -j address show") return JSON.stringify(addresses);
    throw new Error(`unexpected ${argv.join(" ")}`);
  };
  return { ip, asked };
}

const ADDRESSES = [
  { ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", scope: "host" }] },
  { ifname: "eth0", addr_info: [{ family: "inet", local: "10.0.0.2", scope: "global" }] },
  { ifname: "eth1", addr_info: [{ family: "inet6", local: "fe80::1", scope: "link" }] },
  { ifname: "eth2", addr_info: [{ family: "inet", local: "10.0.1.2", scope: "global" }] },
];

const config = (watch: unknown) => parseWatchConfig(watch, "", "test.yaml");

test("planProbes adds each default gateway once, after the configured targets", async () => {
  const { ip } = fakeIp(
    [
      { dst: "default", gateway: "10.0.0.1", dev: "eth0" },
      { dst: "default", gateway: "10.0.0.1", dev: "eth2" },
      { dst: "default", gateway: "10.0.0.254", dev: "eth2" },
    ],
    ADDRESSES,
  );
  const plan = await planProbes(config({ probes: { targets: ["10.0.0.254"] } }), ip);
  assert.deepEqual(plan.targets, ["10.0.0.254", "10.0.0.1"]);
});

test("planProbes probes through every interface with a global IPv4 address when no member is named", async () => {
  const { ip } = fakeIp([], ADDRESSES);
  const plan = await planProbes(
    config({ probes: { targets: ["10.0.0.1"], auto_gateway: false, arp_targets: ["10.0.0.9"] } }),
    ip,
  );
  assert.deepEqual(plan.members, ["eth0", "eth2"]);
  assert.deepEqual(
    plan.probes.map((p) => `${p.kind} ${p.ifname} ${p.target}`),
    ["icmp eth0 10.0.0.1", "icmp eth2 10.0.0.1", "arp eth0 10.0.0.9", "arp eth2 10.0.0.9"],
  );
});

test("planProbes keeps named members and asks ip nothing when no gateway is wanted", async () => {
  const { ip, asked } = fakeIp([], ADDRESSES);
  const plan = await planProbes(
    config({ probes: { targets: ["10.0.0.1"], auto_gateway: false, members: ["eth1"] } }),
    ip,
  );
  assert.deepEqual(plan.members, ["eth1"]);
  assert.deepEqual(plan.probes, [{ ifname: "eth1", target: "10.0.0.1", kind: "icmp" }]);
  assert.deepEqual(asked, []);
});
