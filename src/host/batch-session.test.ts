import assert from "node:assert/strict";
import { after, test } from "node:test";
import { fakeIp } from "../../test/support/fake-ip.js";
import { needs } from "../../test/support/requires.js";
import { BatchSession, batchError } from "./batch-session.js";
import { CommandError } from "./exec.js";

const fake = fakeIp();
after(() => fake.remove());

test("every batch gets exactly its own failures, over 400 batches and far more than 8 KB of errors", async () => {
  const session = new BatchSession([fake.path, "-force", "-batch", "-"]);
  try {
    // A fixed pseudo-random pattern: about half the batches fail, in one of their commands.
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const plans = Array.from({ length: 400 }, (_, i) => {
      const failAt = rand() < 0.5 ? Math.floor(rand() * 3) : -1;
      return [0, 1, 2].map((k) => [
        "address",
        "add",
        `10.${i % 250}.${k}.1/24`,
        "dev",
        k === failAt ? "bad0" : "eth0",
      ]);
    });
    // All written at once, as a burst of moves would be: stderr lags stdout by whole batches.
    const results = await Promise.all(plans.map((p) => session.exec(p, 10_000)));
    let errorBytes = 0;
    results.forEach((r, i) => {
      const plan = plans[i] as string[][];
      const expected = plan.filter((c) => c.includes("bad0"));
      assert.deepEqual(
        r.failures.map((f) => f.args),
        expected,
        `batch ${i}: ${JSON.stringify(r.failures)}`,
      );
      for (const f of r.failures) {
        assert.match(f.messages.join("\n"), /Operation not permitted/);
        assert.ok(f.messages.join("\n").includes(f.args.join(" ")), "the message is its own");
        errorBytes += f.messages.join("\n").length;
      }
    });
    assert.ok(errorBytes > 8000, `only ${errorBytes} bytes of errors`);
    assert.ok(results.filter((r) => r.failures.length > 0).length > 150);
  } finally {
    session.close();
  }
});

test("a failed command comes back as a CommandError with its argv, line and stderr", async () => {
  const session = new BatchSession([fake.path, "-force", "-batch", "-"]);
  try {
    const r = await session.exec([
      ["link", "set", "eth0", "up"],
      ["address", "add", "10.0.0.5/24", "dev", "bad0"],
    ]);
    const err = batchError("ip", r);
    assert.ok(err instanceof CommandError);
    assert.deepEqual(err.argv, ["ip", "address", "add", "10.0.0.5/24", "dev", "bad0"]);
    assert.equal(err.code, "batch line 2");
    assert.match(err.stderr, /Operation not permitted/);
    assert.equal(batchError("ip", await session.exec([["link", "set", "eth0", "up"]])), null);
  } finally {
    session.close();
  }
});

test("when the tool dies, the waiting batch fails and the next batch starts a new one", async () => {
  const session = new BatchSession([fake.path, "-force", "-batch", "-"]);
  try {
    await assert.rejects(session.exec([["address", "add", "die"]]), (err: unknown) => {
      assert.ok(err instanceof CommandError);
      assert.equal(err.code, 255);
      assert.match(err.stderr, /valid prefix/);
      return true;
    });
    const r = await session.exec([["address", "add", "10.0.0.5/24", "dev", "bad0"]]);
    assert.equal(r.failures.length, 1);
  } finally {
    session.close();
  }
});

test("a missing tool fails the batch, naming the command", async () => {
  const session = new BatchSession(["/nonexistent/ip", "-batch", "-"]);
  await assert.rejects(session.exec([["link", "set", "eth0", "up"]]), (err: unknown) => {
    assert.ok(err instanceof CommandError);
    assert.equal(err.code, "ENOENT");
    assert.equal(err.argv[0], "/nonexistent/ip");
    return true;
  });
});

test("arguments that could break the batch (spaces, quotes, the marker device lo) are refused", async () => {
  const session = new BatchSession([fake.path, "-force", "-batch", "-"]);
  try {
    await assert.rejects(session.exec([["link", "set", "eth0 up"]]), /unsafe argument/);
    await assert.rejects(session.exec([["address", "show", "dev", "lo"]]), /unsafe argument/);
  } finally {
    session.close();
  }
});

test("with the real ip, each of 300 batches reports exactly its own failure (nothing is changed)", {
  skip: needs({ tools: ["ip"] }),
}, async () => {
  const session = new BatchSession(["ip", "-force", "-batch", "-"]);
  try {
    // Devices that do not exist: every odd batch fails, every even one only reads.
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        session.exec(
          i % 2
            ? [["address", "add", `10.${i % 250}.0.1/24`, "dev", `lgnone${i}`]]
            : [["route", "show", "table", "main"]],
          10_000,
        ),
      ),
    );
    results.forEach((r, i) => {
      if (i % 2) {
        assert.equal(r.failures.length, 1, `batch ${i}`);
        assert.match(r.failures[0]?.messages.join(" ") ?? "", new RegExp(`lgnone${i}\\b`));
      } else assert.deepEqual(r.failures, [], `batch ${i}`);
    });
  } finally {
    session.close();
  }
});
