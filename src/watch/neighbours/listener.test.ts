import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS } from "../../../test/support/paths.js";
import type { HeardNeighbour } from "../detect/neighbours.js";
import { NEIGHBOUR_FILTER, NeighbourListener, tcpdumpArgs } from "./listener.js";

test("tcpdumpArgs listens without promiscuous mode to received frames only, and puts the filter after --", () => {
  const args = tcpdumpArgs("eno1");
  assert.deepEqual(args.slice(0, 5), ["-i", "eno1", "-p", "-Q", "in"]);
  assert.deepEqual(args.slice(-2), ["--", NEIGHBOUR_FILTER]);
  assert.ok(args.includes("-U") && args.includes("-w"));
});

test("NeighbourListener decodes every LLDP and CDP frame of a real capture stream into neighbours", async () => {
  const heard: HeardNeighbour[] = [];
  const problems: string[] = [];
  const capture = join(CORPUS, "pcap/lldp-and-cdp-cisco-3560.pcap");
  const l = new NeighbourListener(
    "eno1",
    { heard: (n) => heard.push(n), problem: (m) => problems.push(m) },
    { command: ["cat", capture], multicast: false },
  );
  await l.start();
  const deadline = Date.now() + 5000;
  while (heard.length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await l.stop();
  assert.equal(heard.length, 12);
  assert.deepEqual(
    [...new Set(heard.map((n) => `${n.protocol} ${n.systemName} ${n.portId}`))].sort(),
    [
      "cdp S1 FastEthernet0/13",
      "cdp S2 GigabitEthernet0/13",
      "lldp S1.cisco.com Fa0/13",
      "lldp S2.cisco.com Uplink to S1",
    ],
  );
  assert.ok(heard.every((n) => n.ifname === "eno1" && n.heardMs > 1_285_000_000_000));
});

test("NeighbourListener reports a command that is not there, and does not throw", async () => {
  const problems: string[] = [];
  const l = new NeighbourListener(
    "eno1",
    { heard: () => {}, problem: (m) => problems.push(m) },
    { command: ["/nonexistent/tcpdump"], multicast: false },
  );
  await l.start();
  const deadline = Date.now() + 3000;
  while (problems.length === 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await l.stop();
  assert.match(problems[0] ?? "", /neighbours on eno1: .*ENOENT/);
});
