// A `lab run` killed with SIGKILL cannot clean up after itself: `lab down --lab ID` must,
// leaving no namespace, no interface and no process of the lab behind. Other runs may share
// the machine: this test finds its own lab among the namespaces that were not there before,
// and removes only that one.
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
  timeout: 240_000, // the lab lock may be held by another lab test for a while
}, async () => {
  await withLabLock(async () => {
    const labsBefore = new Set((await listLabNamespaces()).keys());
    const newLabs = async () =>
      [...(await listLabNamespaces()).entries()].filter(([id]) => !labsBefore.has(id));
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
          const labs = (await newLabs()).flatMap(([, names]) => names);
          const server = labs.find((n) => n.endsWith("-server"));
          return server !== undefined && (await run(["ip", "netns", "pids", server])).trim() !== "";
        },
        20_000,
      );
    } finally {
      child.kill("SIGKILL");
    }
    await new Promise((r) => child.once("exit", r));
    const left = await newLabs();
    assert.equal(left.length, 1, "the killed run left its lab");
    const [id, names] = left[0] as [string, string[]];

    const down = spawn(process.execPath, [CLI, "lab", "down", "--lab", id], { stdio: "ignore" });
    const code = await new Promise((r) => down.once("exit", r));
    assert.equal(code, 0);
    assert.deepEqual(await newLabs(), [], "ip netns list still shows the lab's namespaces");
    const netns = (await run(["ip", "netns", "list"])).split("\n").map((l) => l.split(" ")[0]);
    for (const name of names) assert.ok(!netns.includes(name), `${name} is still there`);
    assert.deepEqual(await linkNames(), linksBefore, "ip link changed in the host namespace");
  });
});
