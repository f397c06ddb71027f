import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../config/config.js";
import type { Announcer } from "./announce.js";
import { parseMpathConfig } from "./config.js";
import { Mover } from "./mover.js";
import type { IpTransport } from "./transport.js";

const TEXT = `mpath:
  groups:
    - name: web
      members: [eth0, eth1]
      data_addresses: { eth0: [10.0.0.50/24] }
      targets: [10.0.0.1]
`;
const [web] = parseMpathConfig(parseConfig(TEXT, "lg.yaml").mpath, TEXT, "lg.yaml").groups;
assert.ok(web);

function parts(dryRun: boolean, gateway?: string) {
  const log: string[] = [];
  const addrs = new Map<string, string[]>([["eth0", ["10.0.0.50"]]]);
  const transport: IpTransport = {
    async exec(commands) {
      for (const c of commands) {
        log.push(c.join(" "));
        if (c[1] === "address" && c[2] === "add") addrs.set(c[5] as string, ["10.0.0.50"]);
      }
      return [];
    },
  };
  const made: string[] = [];
  const makeAnnouncer = (member: string, ip: string): Announcer => {
    made.push(`${member} ${ip}`);
    return {
      instant: true,
      fire: async () => {
        log.push(`announce ${ip} from ${member}`);
        return true;
      },
      repeat: () => undefined,
      close: () => log.push(`close ${member}`),
    };
  };
  const mover = new Mover({
    dryRun,
    transport,
    addressesOf: async (d) => addrs.get(d) ?? [],
    gateway,
    makeAnnouncer,
    closeTransport: () => log.push("session closed"),
  });
  return { mover, log, made };
}

const FAILOVER = {
  type: "move" as const,
  address: "10.0.0.50/24",
  from: "eth0",
  to: "eth1",
  reason: "failover" as const,
  t: 0,
};

test("a move fires the announcement armed for the new member and routes via the gateway", async () => {
  const p = parts(false, "10.0.0.254");
  p.mover.arm(web);
  assert.deepEqual(p.made, ["eth0 10.0.0.50", "eth1 10.0.0.50"], "armed at start, per member");
  const res = await p.mover.move(FAILOVER, { table: 1000, announceCount: 1 });
  assert.equal(res.ok, true, res.reason);
  assert.equal(p.log[1], "announce 10.0.0.50 from eth1");
  assert.ok(p.log.includes("ip route replace default via 10.0.0.254 dev eth1 table 1000"));
  p.mover.close();
  assert.deepEqual(p.log.slice(-3), ["close eth0", "close eth1", "session closed"]);
});

test("a dry run arms nothing and runs nothing", async () => {
  const p = parts(true);
  p.mover.arm(web);
  const res = await p.mover.move(FAILOVER, { table: 1000, announceCount: 1 });
  assert.deepEqual(p.made, []);
  assert.deepEqual(p.log, []);
  assert.equal(res.reason, "dry run: nothing changed");
  assert.ok(!res.commands.some((c) => c.includes("default")), "no gateway, no default route");
});
