// A `lab run` killed with SIGKILL while its VMs run leaves QEMU processes, taps and a blackhole
// namespace behind; `lab down --lab ID` must find them all from the lab's recorded state (PIDs)
// and the lab's names, stop the VMs by PID and delete the rest.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CLI, runCli } from "./support/cli.js";
import { withLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["qemu-system-x86_64", "tc", "busybox"] });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test(
  "lab down stops the VMs of a SIGKILLed lab run by PID and deletes its taps",
  { skip, timeout: 300_000 },
  () =>
    withLabLock(async () => {
      const state = mkdtempSync(join(tmpdir(), "linkguard-vm-state-"));
      const env = { ...process.env, LINKGUARD_LAB_STATE: state };
      try {
        const child = spawn(process.execPath, [CLI, "lab", "run", "lacp-no-partner", "-v"], {
          env,
          stdio: ["ignore", "ignore", "pipe"],
        });
        let err = "";
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`the VMs did not come up within 240 s:\n${err}`)),
            240_000,
          );
          child.stderr?.on("data", (d: Buffer) => {
            err += d.toString();
            if (/VMs up in/.test(err)) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
        const file = readdirSync(state).find((f) => f.endsWith(".vmlab"));
        assert.ok(file, "the lab's state was recorded");
        const record = JSON.parse(readFileSync(join(state, file), "utf8")) as {
          id: string;
          vms: { pid: number }[];
        };
        assert.equal(record.vms.length, 2);
        assert.ok(
          record.vms.every((v) => alive(v.pid)),
          "the VMs outlived the killed run",
        );

        const down = runCli(["lab", "down", "--lab", record.id], { env });
        assert.equal(down.code, 0, down.stderr);
        for (const v of record.vms) assert.ok(!alive(v.pid), `VM pid ${v.pid} stopped`);
        const links = execFileSync("ip", ["-o", "link"], { encoding: "utf8" });
        assert.doesNotMatch(links, new RegExp(`lg-${record.id}-`));
        assert.doesNotMatch(
          execFileSync("ip", ["netns", "list"], { encoding: "utf8" }),
          new RegExp(`lg-${record.id}-`),
        );
        assert.deepEqual(
          readdirSync(state).filter((f) => f.includes(record.id)),
          [],
        );
      } finally {
        // Only this test's lab: other labs on the machine are not ours to remove.
        for (const f of readdirSync(state).filter((x) => x.endsWith(".vmlab")))
          runCli(["lab", "down", "--lab", f.replace(/\.vmlab$/, "")], { env });
        rmSync(state, { recursive: true, force: true });
      }
    }),
);
