import assert from "node:assert/strict";
import { after, test } from "node:test";
import { fakeIp } from "../../test/support/fake-ip.js";
import { CommandError, type RunOptions } from "../host/exec.js";
import { IpSession } from "./fast-exec.js";
import { batchTransport, ipTransport, oneShotTransport } from "./transport.js";

const fake = fakeIp();
after(() => fake.remove());

const PLAN = [
  ["ip", "address", "add", "10.0.0.50/24", "dev", "eth1"],
  ["ip", "route", "replace", "default", "via", "10.0.0.1", "dev", "bad0", "table", "1000"],
  ["ip", "route", "flush", "cache"],
];

test("through the ip -batch session, each failed line comes back with its argv, its line and ip's stderr", async () => {
  const session = new IpSession([fake.path, "-force", "-batch", "-"]);
  try {
    const failed = await batchTransport(session).exec(PLAN);
    assert.equal(failed.length, 1);
    assert.deepEqual(failed[0]?.argv, PLAN[1]);
    assert.match(String(failed[0]?.code), /^batch line \d+$/);
    assert.match(failed[0]?.stderr ?? "", /Operation not permitted/);
    assert.deepEqual(await batchTransport(session).exec(PLAN.slice(0, 1)), [], "all well");
  } finally {
    session.close();
  }
});

test("a session whose ip dies rejects: the transport broke, not a command", async () => {
  const session = new IpSession([fake.path, "-force", "-batch", "-"]);
  try {
    await assert.rejects(
      batchTransport(session).exec([["ip", "route", "replace", "die"]]),
      (e: unknown) => e instanceof CommandError && e.code === 255,
    );
  } finally {
    session.close();
  }
});

/** A `run` that records each argv and fails the ones naming bad0, as ip would. */
function fakeRun() {
  const ran: string[][] = [];
  const runArgv = async (argv: readonly string[], _o?: RunOptions) => {
    ran.push([...argv]);
    if (argv.includes("bad0")) throw new CommandError(argv, 2, "RTNETLINK answers: No such device");
    return "";
  };
  return { ran, runArgv };
}

test("one process per command: all run in order, a failure does not stop the next", async () => {
  const f = fakeRun();
  const failed = await oneShotTransport(f.runArgv).exec(PLAN);
  assert.deepEqual(f.ran, PLAN);
  assert.equal(failed.length, 1);
  assert.deepEqual(failed[0]?.argv, PLAN[1]);
  assert.equal(failed[0]?.code, 2);
  assert.match(failed[0]?.stderr ?? "", /No such device/);
});

test("with no session the commands go one process each; with one, through the session", async () => {
  const f = fakeRun();
  await ipTransport(null, f.runArgv).exec(PLAN.slice(0, 1));
  assert.equal(f.ran.length, 1);
  const batches: string[][][] = [];
  const session = {
    exec: async (c: string[][]) => {
      batches.push(c);
      return { id: 1, commands: c, failures: [], notes: [], output: "" };
    },
  };
  await ipTransport(session, f.runArgv).exec(PLAN.slice(0, 1));
  assert.equal(f.ran.length, 1, "no process");
  assert.deepEqual(batches, [[["address", "add", "10.0.0.50/24", "dev", "eth1"]]]);
});
