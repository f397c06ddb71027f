import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import { assembleGroups } from "./assemble.js";
import { parseMpathConfig } from "./config.js";
import type { MpathRecord } from "./status.js";

const TEXT = `mpath:
  groups:
    - name: web
      members: [eth0, eth1]
      data_addresses: { eth0: [10.0.0.50/24] }
      targets: [10.0.0.1]
    - name: db
      members: [eth2, eth3]
      data_addresses: { eth2: [10.1.0.50/24] }
      auto_targets: false
`;
const groups = parseMpathConfig(parseConfig(TEXT, "lg.yaml").mpath, TEXT, "lg.yaml").groups;

/** Start-up as the daemon does it, with what it would read and run recorded. */
async function assemble(dryRun: boolean) {
  const ran: string[] = [];
  const records: MpathRecord[] = [];
  const armed: string[] = [];
  const runners = await assembleGroups(groups, {
    dryRun,
    gateways: ["10.0.0.254"],
    links: [
      {
        ifname: "eth0",
        address: "52:54:00:00:00:01",
        addr_info: [{ family: "inet", local: "10.0.0.10" }],
      },
      {
        ifname: "eth1",
        address: "52:54:00:00:00:01",
        addr_info: [{ family: "inet", local: "10.0.0.11" }],
      },
    ],
    discover: async (members) => (members.includes("eth2") ? ["10.1.0.7"] : []),
    setup: {
      run: async (argv) => {
        ran.push(argv.join(" "));
        return "";
      },
      writeProc: () => undefined,
      emit: (r) => records.push(r),
      now: () => 7,
    },
    arm: (g) => armed.push(g.name),
    runner: (g, targets, tables) => ({ name: g.name, targets, tables: [...tables] }),
  });
  return { runners, ran, records, armed };
}

test("each group gets its runner with its targets and its own routing tables, in order", async () => {
  const { runners } = await assemble(false);
  assert.deepEqual(runners, [
    { name: "web", targets: ["10.0.0.1", "10.0.0.254"], tables: [["10.0.0.50/24", 1000]] },
    { name: "db", targets: ["10.1.0.7"], tables: [["10.1.0.50/24", 1001]] },
  ]);
});

test("live: announcements armed and addresses set up; the start-up checks are warnings", async () => {
  const { ran, records, armed } = await assemble(false);
  assert.deepEqual(armed, ["web", "db"]);
  assert.ok(ran.includes("ip address replace 10.0.0.50/24 dev eth0"), ran.join("; "));
  assert.ok(ran.includes("ip address replace 10.1.0.50/24 dev eth2"), ran.join("; "));
  const warnings = records.filter((r) => r.severity === "warning").map((r) => [r.kind, r.subject]);
  assert.deepEqual(warnings, [
    ["duplicate-hardware-address", "eth0,eth1"],
    ["missing-test-address", "eth2"],
    ["missing-test-address", "eth3"],
  ]);
});

test("a dry run checks and plans but arms nothing and runs no command", async () => {
  const { ran, armed, runners, records } = await assemble(true);
  assert.deepEqual(ran, []);
  assert.deepEqual(armed, []);
  assert.equal(runners.length, 2);
  assert.ok(records.some((r) => r.kind === "duplicate-hardware-address"));
});
