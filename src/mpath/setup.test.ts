import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import { CommandError } from "../host/exec.js";
import { parseMpathConfig } from "./config.js";
import {
  announcersFor,
  groupTargets,
  memberFacts,
  routingTables,
  setUpGroup,
  toolsNeeded,
} from "./setup.js";
import type { MpathRecord } from "./status.js";

const parse = (text: string) =>
  parseMpathConfig(parseConfig(text, "lg.yaml").mpath, text, "lg.yaml").groups;

const groups = parse(`mpath:
  groups:
    - name: web
      members: [eth0, eth1]
      data_addresses: { eth0: [10.0.0.50/24], eth1: [10.0.0.51/24] }
      targets: [10.0.0.1]
    - name: db
      members: [eth2, eth3]
      data_addresses: { eth2: [10.1.0.50/24] }
      multicast_targets: true
      auto_targets: false
`);
const [web, db] = groups as [(typeof groups)[number], (typeof groups)[number]];

test("each data address gets its own table, from 1000 on across the groups", () => {
  assert.deepEqual(
    routingTables(groups).map((m) => [...m]),
    [
      [
        ["10.0.0.50/24", 1000],
        ["10.0.0.51/24", 1001],
      ],
      [["10.1.0.50/24", 1002]],
    ],
  );
});

test("set-up: ARP from the holder only, the rule once, the address on its home, its table's routes", async () => {
  const ran: string[] = [];
  const proc: string[] = [];
  const records: MpathRecord[] = [];
  await setUpGroup(web, routingTables(groups)[0] as Map<string, number>, "10.0.0.1", {
    run: async (argv) => {
      ran.push(argv.join(" "));
      if (argv.join(" ") === "ip rule show") return "1000: from 10.0.0.50 lookup 1000\n";
      if (argv.includes("default"))
        throw new CommandError(argv, 2, "Error: Nexthop has invalid gateway.");
      return "";
    },
    writeProc: (path, value) => {
      if (path.includes("ipv6")) throw new Error("ENOENT");
      proc.push(`${path}=${value}`);
    },
    emit: (r) => records.push(r),
    now: () => 42,
  });
  assert.deepEqual(proc, [
    "/proc/sys/net/ipv4/conf/eth0/arp_ignore=1",
    "/proc/sys/net/ipv4/conf/eth0/arp_announce=2",
    "/proc/sys/net/ipv4/conf/eth1/arp_ignore=1",
    "/proc/sys/net/ipv4/conf/eth1/arp_announce=2",
  ]);
  assert.deepEqual(ran, [
    "ip rule show",
    "ip address del 10.0.0.50/24 dev eth1",
    "ip address replace 10.0.0.50/24 dev eth0",
    "ip route replace 10.0.0.0/24 dev eth0 src 10.0.0.50 table 1000",
    "ip route replace default via 10.0.0.1 dev eth0 table 1000",
    "ip rule add from 10.0.0.51 lookup 1001 pref 1001",
    "ip address del 10.0.0.51/24 dev eth0",
    "ip address replace 10.0.0.51/24 dev eth1",
    "ip route replace 10.0.0.0/24 dev eth1 src 10.0.0.51 table 1001",
    "ip route replace default via 10.0.0.1 dev eth1 table 1001",
  ]);
  // A missing default route is a warning per address, not a start-up failure.
  assert.deepEqual(
    records.map((r) => [r.kind, r.severity, r.subject, r.t_ms]),
    [
      ["mpath-started", "warning", "10.0.0.50/24", 42],
      ["mpath-started", "warning", "10.0.0.51/24", 42],
    ],
  );
});

test("set-up fails when an address cannot be put on its home member", async () => {
  await assert.rejects(
    setUpGroup(db, new Map([["10.1.0.50/24", 1002]]), undefined, {
      run: async (argv) => {
        if (argv[2] === "replace") throw new Error("Cannot find device");
        return "";
      },
      writeProc: () => undefined,
      emit: () => assert.fail("no record"),
      now: () => 0,
    }),
    /Cannot find device/,
  );
});

test("targets: configured ones first; with none, the all-hosts group's answers, said once", async () => {
  const records: MpathRecord[] = [];
  const io = { emit: (r: MpathRecord) => records.push(r), now: () => 1 };
  const never = async () => assert.fail("no search with targets");
  assert.deepEqual(await groupTargets(web, ["10.0.0.254"], [], never, io), [
    "10.0.0.1",
    "10.0.0.254",
  ]);
  const asked: string[][] = [];
  const found = await groupTargets(
    db,
    ["10.9.9.9"],
    ["10.1.0.10"],
    async (members, self) => {
      asked.push(members, self);
      return ["10.1.0.7"];
    },
    io,
  );
  assert.deepEqual(found, ["10.1.0.7"]);
  assert.deepEqual(asked, [["eth2", "eth3"], ["10.1.0.10"]]);
  assert.match(
    records[0]?.detail ?? "",
    /db: no router to probe; the all-hosts group answered from 10\.1\.0\.7/,
  );
});

test("member facts: test addresses are the member's global ones that no group moves", () => {
  const facts = memberFacts(web, groups, [
    {
      ifname: "eth0",
      address: "52:54:00:00:00:01",
      addr_info: [
        { family: "inet", local: "10.0.0.10" },
        { family: "inet", local: "10.0.0.50" },
        { family: "inet6", local: "fe80::1", scope: "link" },
      ],
    },
  ]);
  assert.deepEqual(facts, [
    { name: "eth0", mac: "52:54:00:00:00:01", testAddresses: ["10.0.0.10"] },
    { name: "eth1", mac: null, testAddresses: [] },
  ]);
});

test("tools: arping only for the ping prober with IPv4 addresses to announce; a dry run moves nothing", () => {
  assert.deepEqual(toolsNeeded(groups, false, "ping"), ["ip", "ping", "stdbuf", "arping"]);
  assert.deepEqual(toolsNeeded(groups, false, "native"), ["ip", "ping", "stdbuf"]);
  assert.deepEqual(toolsNeeded(groups, true, "ping"), ["ip", "ping"]);
  const v6 = parse(`mpath:
  groups:
    - name: v6
      members: [eth0, eth1]
      data_addresses: { eth0: ["fd00::50/64"] }
`);
  assert.deepEqual(toolsNeeded(v6, false, "ping"), ["ip", "ping", "stdbuf"]);
});

test("an announcement is armed per member and IPv4 data address, none with announce_count 0", () => {
  const made = announcersFor(web, (m, ip) => `${m}:${ip}`);
  assert.deepEqual(
    [...made],
    [
      ["eth0 10.0.0.50/24", "eth0:10.0.0.50"],
      ["eth1 10.0.0.50/24", "eth1:10.0.0.50"],
      ["eth0 10.0.0.51/24", "eth0:10.0.0.51"],
      ["eth1 10.0.0.51/24", "eth1:10.0.0.51"],
    ],
  );
  assert.equal(announcersFor({ ...web, announce_count: 0 }, () => 1).size, 0);
});
