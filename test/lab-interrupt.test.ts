// A `lab run` interrupted with Ctrl-C (SIGINT) or by a CI timeout (SIGTERM) removes its own lab
// before it exits 130: nothing is left for `lab down`. Other runs may share the machine: the
// test looks only at the namespaces that appeared while it ran.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { listLabNamespaces } from "../src/lab/lab.js";
import { CLI } from "./support/cli.js";
import { withLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";
import { until } from "./support/wait.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "ping", "arping", "sysctl", "stdbuf"] });

for (const [scenario, signal, started] of [
  ["mpath-failover", "SIGINT", /mpath-started/],
  ["cable-pull", "SIGTERM", /lab \w+ up/],
] as const) {
  test(`lab run ${scenario} interrupted by ${signal} removes its lab and exits 130`, {
    skip,
    timeout: 240_000, // the lab lock may be held by another lab test for a while
  }, async () => {
    await withLabLock(async () => {
      const before = new Set((await listLabNamespaces()).keys());
      const mine = async () =>
        [...(await listLabNamespaces()).keys()].filter((id) => !before.has(id));
      const child = spawn(process.execPath, [CLI, "lab", "run", scenario, "-v"], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      const exited = new Promise<number | string | null>((r) =>
        child.once("exit", (code, sig) => r(code ?? sig)),
      );
      try {
        await until("the run to be under way", 30_000, () =>
          started.test(stderr) ? true : undefined,
        );
        const ids = await mine();
        assert.equal(ids.length, 1, `one new lab while it runs: ${ids.join(", ")}`);
        child.kill(signal);
        assert.equal(await exited, 130, stderr.slice(-1000));
        assert.deepEqual(await mine(), [], "the interrupted run left its lab behind");
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    });
  });
}
