import assert from "node:assert/strict";
import { after, test } from "node:test";
import { fakeIp } from "../../test/support/fake-ip.js";
import { CommandError } from "../host/exec.js";
import { IpBatch } from "./ip-batch.js";

const fake = fakeIp();
after(() => fake.remove());

test("a fault the switch refuses rejects with the command, its line and the tool's words", async () => {
  const batch = new IpBatch("lg-x-sw", "ip", fake.path);
  try {
    await batch.send(["link", "set", "server-eth0", "down"]);
    await assert.rejects(batch.send(["link", "set", "bad0", "down"]), (err: unknown) => {
      assert.ok(err instanceof CommandError);
      assert.deepEqual(err.argv, ["ip", "link", "set", "bad0", "down"]);
      assert.equal(err.code, "batch line 4");
      assert.match(err.stderr, /Operation not permitted/);
      return true;
    });
    // Many at once, as a flap would send them: each one is charged only its own failure.
    const sends = Array.from({ length: 300 }, (_, i) =>
      batch.send(["link", "set", i % 3 === 0 ? "bad0" : "server-eth0", i % 2 ? "up" : "down"]).then(
        () => "ok",
        () => "failed",
      ),
    );
    const results = await Promise.all(sends);
    assert.deepEqual(
      results,
      results.map((_, i) => (i % 3 === 0 ? "failed" : "ok")),
    );
  } finally {
    batch.close();
  }
});

test("bridge faults are attributed the same way without a stdout marker", async () => {
  const bridge = new IpBatch("lg-x-sw", "bridge", fake.path);
  try {
    await bridge.send(["link", "set", "dev", "server-eth0", "state", "0"]);
    await assert.rejects(bridge.send(["link", "set", "dev", "bad0", "state", "0"]), CommandError);
  } finally {
    bridge.close();
  }
});
