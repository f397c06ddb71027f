import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { within } from "../../test/support/wait.js";
import { CommandError } from "../host/exec.js";
import { Healer, type HealRule, type HealTrigger } from "./healer.js";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A /sys/class/net with eth1 (flags as given) in bond0 when `master` is set. */
function sysfs(flags: string, master?: string): string {
  const root = mkdtempSync(join(tmpdir(), "linkguard-heal-"));
  dirs.push(root);
  mkdirSync(join(root, "eth1"), { recursive: true });
  writeFileSync(join(root, "eth1", "flags"), `${flags}\n`);
  if (master) {
    mkdirSync(join(root, "eth1", "master"));
    writeFileSync(join(root, "eth1", "master", "uevent"), `DEVTYPE=bond\nINTERFACE=${master}\n`);
  }
  return root;
}

interface Raised {
  kind: string;
  severity: string;
  detail: string;
  data: Record<string, unknown>;
}

async function heal(
  rule: HealRule,
  sys: string,
  run: (argv: string[]) => Promise<string>,
): Promise<Raised> {
  const raised: Raised[] = [];
  let firstRaised: () => void = () => {};
  const raisedOnce = new Promise<void>((resolve) => {
    firstRaised = resolve;
  });
  const healer = new Healer(
    [rule],
    { maxPerHour: 3, cooldownMs: 0, dryRun: false },
    {
      members: () => [
        { name: "eth0", healthy: true },
        { name: "eth1", healthy: false },
      ],
      raise: (kind, severity, _subject, detail, data) => {
        raised.push({ kind, severity, detail, data });
        firstRaised();
      },
      sysClassNet: sys,
      procNetBonding: join(sys, "no-such-dir"),
      run,
    },
  );
  const e: HealTrigger = {
    t_ms: 1,
    kind: "tx-stall",
    subject: "eth1",
    detail: "tx stalled",
    ifname: "eth1",
  };
  healer.event(e);
  await within("the heal-action event", 5000, raisedOnce);
  assert.equal(raised.length, 1);
  return raised[0] as Raised;
}

test("a bounce whose ip command fails is a failed heal-action naming argv, code and stderr", async () => {
  const r = await heal({ on: ["tx-stall"], action: "bounce" }, sysfs("0x1003"), async (argv) => {
    if (argv.includes("down"))
      throw new CommandError(argv, 2, "RTNETLINK answers: Operation not permitted\n");
    return "";
  });
  assert.equal(r.kind, "heal-action");
  assert.equal(r.severity, "critical");
  assert.equal(r.data.ok, false);
  assert.match(
    r.detail,
    /bounce eth1 after tx-stall FAILED: ip link set dev eth1 down: RTNETLINK answers: Operation not permitted/,
  );
  assert.deepEqual(r.data.failed, [
    {
      argv: ["ip", "link", "set", "dev", "eth1", "down"],
      code: 2,
      stderr: "RTNETLINK answers: Operation not permitted\n",
    },
  ]);
});

test("a bounce whose commands succeed but leaves the link down is a failed heal-action", async () => {
  const r = await heal({ on: ["tx-stall"], action: "bounce" }, sysfs("0x1002"), async () => "");
  assert.equal(r.data.ok, false);
  assert.match(r.detail, /read back: eth1 is down/);
});

test("a re-enslave that leaves the member outside its bond is a failed heal-action", async () => {
  // eth1 is in bond0 when the rule fires; after the commands sysfs still says no master.
  const sys = sysfs("0x1003", "bond0");
  const r = await heal({ on: ["tx-stall"], action: "reenslave" }, sys, async (argv) => {
    if (argv.includes("nomaster")) rmSync(join(sys, "eth1", "master"), { recursive: true });
    return "";
  });
  assert.equal(r.data.ok, false);
  assert.match(r.detail, /read back: eth1 is in no bond, not in bond0/);
});

test("a bounce that ran and reads back up is done", async () => {
  const r = await heal({ on: ["tx-stall"], action: "bounce" }, sysfs("0x1003"), async () => "");
  assert.equal(r.severity, "info");
  assert.equal(r.data.ok, true);
  assert.match(
    r.detail,
    /bounce eth1 after tx-stall: ip link set dev eth1 down; ip link set dev eth1 up/,
  );
});
