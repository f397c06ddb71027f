// A `lab run` killed with SIGKILL cannot clean up after itself: `lab down` must, leaving no
// namespace, no interface and no process of the lab behind.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { run } from "../src/host/exec.js";
import { listLabNamespaces } from "../src/lab/lab.js";
import { CLI } from "./support/cli.js";
import { withLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "ping", "sysctl"] });

async function until(what: string, ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

test("lab down removes what a SIGKILLed lab run left behind", {
  skip,
  timeout: 60_000,
}, async () => {
  await withLabLock(async () => {
    assert.equal((await listLabNamespaces()).size, 0, "start from a clean machine");
    const linkNames = async () =>
      (await run(["ip", "-o", "link"]))
        .split("\n")
        .map((l) => l.split(":")[1]?.trim())
        .filter(Boolean)
        .sort();
    const linksBefore = await linkNames();
    const child = spawn(process.execPath, [CLI, "lab", "run", "silent-upstream"], {
      stdio: "ignore",
    });
    try {
      // Wait until the watcher runs inside the lab (a process in the server namespace).
      await until(
        "a watcher inside the lab",
        async () => {
          const labs = [...(await listLabNamespaces()).values()].flat();
          const server = labs.find((n) => n.endsWith("-server"));
          return server !== undefined && (await run(["ip", "netns", "pids", server])).trim() !== "";
        },
        20_000,
      );
    } finally {
      child.kill("SIGKILL");
    }
    await new Promise((r) => child.once("exit", r));
    assert.ok((await listLabNamespaces()).size > 0, "the killed run left its lab");

    const down = spawn(process.execPath, [CLI, "lab", "down"], { stdio: "ignore" });
    const code = await new Promise((r) => down.once("exit", r));
    assert.equal(code, 0);
    assert.equal((await listLabNamespaces()).size, 0, "ip netns list still shows lab namespaces");
    const netns = await run(["ip", "netns", "list"]);
    assert.doesNotMatch(netns, /^lg-/m);
    assert.deepEqual(await linkNames(), linksBefore, "ip link changed in the host namespace");
  });
});
