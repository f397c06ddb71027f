import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS } from "../../../test/support/paths.js";
import { within } from "../../../test/support/wait.js";
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
  let allHeard: () => void = () => {};
  const twelve = new Promise<void>((resolve) => {
    allHeard = resolve;
  });
  const l = new NeighbourListener(
    "eno1",
    {
      heard: (n) => {
        if (heard.push(n) === 12) allHeard();
      },
      problem: (m) => problems.push(m),
    },
    { command: ["cat", capture], multicast: false },
  );
  await l.start();
  await within("12 neighbours", 5000, twelve).finally(() => l.stop());
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
  let reported: (m: string) => void = () => {};
  const problem = new Promise<string>((resolve) => {
    reported = resolve;
  });
  const l = new NeighbourListener(
    "eno1",
    { heard: () => {}, problem: (m) => reported(m) },
    { command: ["/nonexistent/tcpdump"], multicast: false },
  );
  await l.start();
  const first = await within("the listener's problem", 3000, problem).finally(() => l.stop());
  assert.match(first, /neighbours on eno1: .*ENOENT/);
});
