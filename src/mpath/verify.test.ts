import assert from "node:assert/strict";
import { test } from "node:test";
import { CommandError, type RunOptions } from "../host/exec.js";
import { pingCheck } from "./verify.js";

function fakeRun(fail = false) {
  const ran: string[][] = [];
  const runArgv = async (argv: readonly string[], _o?: RunOptions) => {
    ran.push([...argv]);
    if (fail) throw new CommandError(argv, 1, "");
    return "1 packets transmitted, 1 received";
  };
  return { ran, runArgv };
}

test("ping checks from the data address itself and says so", async () => {
  const f = fakeRun();
  const v = await pingCheck(f.runArgv)("10.0.0.50/24", "eth1", "10.0.0.1");
  assert.deepEqual(f.ran, [["ping", "-n", "-c", "1", "-W", "1", "-I", "10.0.0.50", "10.0.0.1"]]);
  assert.deepEqual(v, { ok: true, reason: "10.0.0.1 answered 10.0.0.50 via eth1 (ping)" });
  const lost = await pingCheck(fakeRun(true).runArgv)("10.0.0.50/24", "eth1", "10.0.0.1");
  assert.equal(lost.ok, false);
  assert.match(lost.reason, /^no answer from 10\.0\.0\.1 to 10\.0\.0\.50 via eth1 \(ping\)/);
});
