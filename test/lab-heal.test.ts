// Remediation in the lab: a silent drop on eth0 makes the watcher bounce eth0 and run a hook
// script with the event in its environment; when eth1 fails too, touching it is refused
// because no other member could carry traffic. Every action and refusal is an event.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { WatchEvent } from "../src/events/types.js";
import { injectFault } from "../src/lab/faults.js";
import { renderConfig } from "../src/lab/harness/config.js";
import { labDown, labUp } from "../src/lab/lab.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { acquireLabLock, releaseLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";
import { sleep, until } from "./support/wait.js";
import { startWatcher } from "./support/watcher.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "ping", "sysctl"] });

test("bounce and run on probe loss; never the last member", { skip, timeout: 90_000 }, async () => {
  await acquireLabLock();
  const dir = mkdtempSync(join(tmpdir(), "linkguard-heal-"));
  const lab = await labUp(DUAL_HOMED);
  const events: WatchEvent[] = [];
  let child: ChildProcess | undefined;
  try {
    const hook = join(dir, "hook.sh");
    const out = join(dir, "hook.out");
    writeFileSync(
      hook,
      `#!/bin/sh\necho "$LINKGUARD_EVENT_KIND $LINKGUARD_EVENT_SUBJECT" >> ${out}\n`,
    );
    chmodSync(hook, 0o755);
    const config = join(dir, "linkguard.yaml");
    writeFileSync(
      config,
      renderConfig({
        watch: {
          heal: {
            enabled: true,
            cooldown_s: 0,
            max_per_hour: 10,
            rules: [
              { on: ["probe-loss"], action: "bounce" },
              { on: ["probe-loss"], action: "run", script: hook },
            ],
          },
        },
      }),
    );
    child = await startWatcher(
      lab.ns("server"),
      [
        "--config",
        config,
        "--no-store",
        "--interval",
        "100",
        "--probe-interval",
        "50",
        "-i",
        "eth0,eth1",
      ],
      events,
    );
    await sleep(1500);

    await injectFault(lab, "server:eth0", "silent-drop");
    const bounce = await until("the bounce of eth0", 10_000, () =>
      events.find((e) => e.kind === "heal-action" && e.data?.action === "bounce"),
    );
    assert.equal(bounce.subject, "eth0");
    assert.equal(bounce.data?.dry_run, false);
    await until("eth0 going down and up (the bounce itself)", 5_000, () =>
      events.find((e) => e.kind === "link-down" && e.ifname === "eth0"),
    );
    await until("the hook", 5_000, () => (existsSync(out) ? true : undefined));
    assert.match(readFileSync(out, "utf8"), /^probe-loss eth0>10\.77\.0\.1$/m);

    await injectFault(lab, "server:eth1", "silent-drop");
    const refused = await until("a refusal for eth1", 10_000, () =>
      events.find((e) => e.kind === "heal-refused" && e.subject === "eth1"),
    );
    assert.match(refused.detail, /last member that could carry traffic/);
    assert.ok(
      !events.some((e) => e.kind === "heal-action" && e.subject === "eth1"),
      "eth1 was not touched",
    );
  } finally {
    child?.kill("SIGKILL");
    await labDown(lab.id);
    rmSync(dir, { recursive: true, force: true });
    releaseLabLock();
  }
});
