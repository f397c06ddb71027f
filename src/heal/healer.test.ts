import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
): Promise<Raised[]> {
  const raised: Raised[] = [];
  const healer = new Healer(
    [rule],
    { maxPerHour: 3, cooldownMs: 0, dryRun: false },
    {
      members: () => [
        { name: "eth0", healthy: true },
        { name: "eth1", healthy: false },
      ],
      raise: (kind, severity, _subject, detail, data) =>
        raised.push({ kind, severity, detail, data }),
      sysClassNet: sys,
      procNetBonding: join(sys, "no-such-dir"),
      run,
      sleep: async () => {},
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
  await within("the heal-action event", 5000, healer.idle());
  return raised;
}

test("a bounce whose ip command fails is a failed heal-action naming argv, code and stderr", async () => {
  const raised = await heal(
    { on: ["tx-stall"], action: "bounce" },
    sysfs("0x1003"),
    async (argv) => {
      if (argv.includes("down"))
        throw new CommandError(argv, 2, "RTNETLINK answers: Operation not permitted\n");
      return "";
    },
  );
  const r = raised[0] as Raised;
  assert.equal(raised.length, 1);
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
  const raised = await heal(
    { on: ["tx-stall"], action: "bounce" },
    sysfs("0x1002"),
    async () => "",
  );
  const r = raised[0] as Raised;
  assert.equal(raised.length, 1);
  assert.equal(r.data.ok, false);
  assert.match(r.detail, /read back: eth1 is down/);
});

test("a re-enslave that leaves the member outside its bond is a failed heal-action", async () => {
  // eth1 is in bond0 when the rule fires; after the commands sysfs still says no master.
  const sys = sysfs("0x1003", "bond0");
  const raised = await heal({ on: ["tx-stall"], action: "reenslave" }, sys, async (argv) => {
    if (argv.includes("nomaster")) rmSync(join(sys, "eth1", "master"), { recursive: true });
    return "";
  });
  const r = raised[0] as Raised;
  // Out of its bond: one more try to put it back (which this fake kernel refuses too).
  assert.equal(raised.length, 2);
  assert.equal(raised[1]?.severity, "critical");
  assert.match(raised[1]?.detail ?? "", /eth1 is still outside bond0 after a second try/);
  assert.equal(r.data.ok, false);
  assert.match(r.detail, /read back: eth1 is in no bond, not in bond0/);
});

test("a bounce that ran and reads back up is done", async () => {
  const raised = await heal(
    { on: ["tx-stall"], action: "bounce" },
    sysfs("0x1003"),
    async () => "",
  );
  const r = raised[0] as Raised;
  assert.equal(raised.length, 1);
  assert.equal(r.severity, "info");
  assert.equal(r.data.ok, true);
  assert.match(
    r.detail,
    /bounce eth1 after tx-stall: ip link set dev eth1 down; ip link set dev eth1 up/,
  );
});

// The echo of our own action: with no cool-down, the events a re-enslave makes on its member
// (link down/up, LACP Expired, Defaulted, negotiated) must not trigger the next re-enslave.
// A real 802.3ad bond (lacp_rate fast, both members collecting and distributing): ens1f0 is
// re-enslaved, ens1f1 carries the traffic meanwhile.
const HEALTHY_BONDING = join("examples", "healthy-8023ad", "proc", "net", "bonding");

/** The same bond with ens1f0's actor port state as given (default 71: Defaulted, broken). */
function brokenBonding(actorState = 71): string {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-heal-bonding-"));
  dirs.push(dir);
  const text = readFileSync(join(HEALTHY_BONDING, "bond0"), "utf8");
  writeFileSync(join(dir, "bond0"), text.replace("port state: 63", `port state: ${actorState}`));
  return dir;
}

/** The kernel as `ip` changes it: sysfs for ens1f0, and who asked for what. */
function bondHost(failMaster: number) {
  const root = mkdtempSync(join(tmpdir(), "linkguard-heal-"));
  dirs.push(root);
  const member = join(root, "ens1f0");
  mkdirSync(join(member, "master"), { recursive: true });
  writeFileSync(join(member, "flags"), "0x1003\n");
  writeFileSync(join(member, "master", "uevent"), "DEVTYPE=bond\nINTERFACE=bond0\n");
  const calls: string[] = [];
  let masterCalls = 0;
  const run = async (argv: string[]): Promise<string> => {
    calls.push(argv.slice(4).join(" "));
    if (argv.includes("nomaster")) rmSync(join(member, "master"), { recursive: true });
    if (argv.includes("master") && !argv.includes("nomaster")) {
      masterCalls++;
      if (masterCalls <= failMaster)
        throw new CommandError(argv, 2, "RTNETLINK answers: Device or resource busy\n");
      mkdirSync(join(member, "master"), { recursive: true });
      writeFileSync(join(member, "master", "uevent"), "DEVTYPE=bond\nINTERFACE=bond0\n");
    }
    return "";
  };
  return { root, run, calls, masterCalls: () => masterCalls };
}

function bondHealer(
  rules: HealRule[],
  opts: { cooldownMs: number; settleMs?: number; failMaster?: number; bonding?: string },
) {
  const clock = { t: 1_000_000 };
  const raised: Raised[] = [];
  const slept: number[] = [];
  const host = bondHost(opts.failMaster ?? 0);
  let onCommand: (argv: string[]) => void = () => {};
  const healer = new Healer(
    rules,
    {
      maxPerHour: 10,
      cooldownMs: opts.cooldownMs,
      dryRun: false,
      ...(opts.settleMs !== undefined && { settleMs: opts.settleMs }),
    },
    {
      members: () => [
        { name: "ens1f0", healthy: false },
        { name: "ens1f1", healthy: true },
      ],
      raise: (kind, severity, _subject, detail, data) =>
        raised.push({ kind, severity, detail, data }),
      sysClassNet: host.root,
      procNetBonding: opts.bonding ?? brokenBonding(),
      now: () => clock.t,
      sleep: async (ms) => {
        slept.push(ms);
        clock.t += ms;
      },
      run: async (argv) => {
        clock.t += 50;
        onCommand(argv);
        return host.run(argv);
      },
    },
  );
  const lacp = (detail: string): HealTrigger => ({
    t_ms: clock.t,
    kind: "lacp-state-changed",
    subject: "ens1f0",
    detail,
    ifname: "ens1f0",
  });
  const actions = () =>
    raised.filter((r) => r.kind === "heal-action" && r.data.action !== "put-back");
  return {
    healer,
    clock,
    raised,
    slept,
    host,
    lacp,
    actions,
    setOnCommand: (f: (argv: string[]) => void) => {
      onCommand = f;
    },
  };
}

const REENSLAVE: HealRule = { on: ["lacp-state-changed", "link-down"], action: "reenslave" };

test("with no cool-down, the events a re-enslave causes on its member trigger no second one", async () => {
  const h = bondHealer([REENSLAVE], { cooldownMs: 0 });
  // During the action: the member leaves the bond, goes down and up.
  h.setOnCommand((argv) => {
    if (argv.includes("down"))
      h.healer.event({ ...h.lacp("down"), kind: "link-down", detail: "ens1f0 down" });
    if (argv.includes("up")) h.healer.event(h.lacp("ens1f0 actor state 63 -> 7 (Expired)"));
  });
  // The watcher reports the actor's and the partner's change at once: both wait for the action.
  h.healer.event(h.lacp("ens1f0 actor state 63 -> 7 (Expired)"));
  h.healer.event(h.lacp("ens1f0 partner state 63 -> 71"));
  await h.healer.idle();
  // After it, LACP renegotiates for a few seconds (lacp_rate fast: inside 3 x 3 s).
  for (const detail of ["7 -> 71 (Defaulted)", "71 -> 61", "61 -> 63"]) {
    h.clock.t += 2_000;
    h.healer.event(h.lacp(`ens1f0 actor state ${detail}`));
  }
  await h.healer.idle();
  assert.equal(h.actions().length, 1, JSON.stringify(h.raised.map((r) => r.detail)));
  assert.equal(h.actions()[0]?.data.ok, true);
  const ignored = h.raised.filter((r) => r.kind === "heal-refused");
  assert.equal(ignored.length, 1, "the echo is said once, not once per event");
  assert.match(
    ignored[0]?.detail ?? "",
    /ignored: caused or already acted on by our own reenslave, settling for 9 s more/,
  );
  assert.deepEqual(h.host.calls, [
    "ens1f0 nomaster",
    "ens1f0 down",
    "ens1f0 master bond0",
    "ens1f0 up",
  ]);
});

test("an event after the settle window may act again, as the cool-down allows", async () => {
  for (const [cooldownMs, expected] of [
    [0, 2],
    [60_000, 1],
  ] as const) {
    const h = bondHealer([REENSLAVE], { cooldownMs });
    h.healer.event(h.lacp("ens1f0 partner state 63 -> 71 (Expired)"));
    await h.healer.idle();
    h.clock.t += 8_000; // inside 3 LACP timeouts of lacp_rate fast (9 s): the echo
    h.healer.event(h.lacp("ens1f0 actor state 7 -> 71 (Defaulted)"));
    await h.healer.idle();
    assert.equal(h.actions().length, 1);
    h.clock.t += 1_500; // past it: a new failure
    h.healer.event(h.lacp("ens1f0 partner state 63 -> 71 (Expired)"));
    await h.healer.idle();
    assert.equal(h.actions().length, expected, `cool-down ${cooldownMs} ms`);
    if (expected === 1)
      assert.match(h.raised.at(-1)?.detail ?? "", /refused: cool-down: the last action/);
  }
});

test("settle_s, when set, replaces the window derived from lacp_rate", async () => {
  const h = bondHealer([REENSLAVE], { cooldownMs: 0, settleMs: 30_000 });
  h.healer.event(h.lacp("Expired"));
  await h.healer.idle();
  h.clock.t += 20_000;
  h.healer.event(h.lacp("Defaulted"));
  await h.healer.idle();
  assert.equal(h.actions().length, 1, "20 s after: still the echo with settle_s 30");
  h.clock.t += 11_000;
  h.healer.event(h.lacp("Expired"));
  await h.healer.idle();
  assert.equal(h.actions().length, 2);
});

test("the event that triggered an action still reaches the other rules (a hook runs too)", async () => {
  const h = bondHealer(
    [REENSLAVE, { on: ["lacp-state-changed"], action: "run", script: "/hook" }],
    {
      cooldownMs: 0,
    },
  );
  h.healer.event(h.lacp("Expired"));
  await h.healer.idle();
  assert.deepEqual(
    h.actions().map((a) => a.data.action),
    ["reenslave", "run"],
  );
});

test("a re-enslave that leaves the member out of its bond: critical, one more try, put back", async () => {
  const h = bondHealer([REENSLAVE], { cooldownMs: 0, failMaster: 1 });
  h.healer.event(h.lacp("Expired"));
  await h.healer.idle();
  const [first, retry] = h.raised;
  assert.equal(first?.severity, "critical");
  assert.match(
    first?.detail ?? "",
    /FAILED: ip link set dev ens1f0 master bond0: RTNETLINK answers: Device or resource busy; read back: ens1f0 is in no bond, not in bond0 \(ens1f0 is out of bond0: trying once more to put it back\)/,
  );
  assert.deepEqual(h.slept, [1_000]);
  assert.equal(retry?.kind, "heal-action");
  assert.equal(retry?.severity, "warning");
  assert.equal(retry?.data.action, "put-back");
  assert.equal(retry?.data.ok, true);
  assert.match(retry?.detail ?? "", /ens1f0 put back into bond0 on a second try/);
  assert.equal(h.host.masterCalls(), 2);
  assert.equal(h.raised.length, 2);
});

test("a member that cannot be put back is critical after exactly one more try", async () => {
  const h = bondHealer([REENSLAVE], { cooldownMs: 0, failMaster: 99 });
  h.healer.event(h.lacp("Expired"));
  await h.healer.idle();
  h.clock.t += 1_000;
  h.healer.event({ ...h.lacp("down"), kind: "link-down" }); // its echo: no third try
  await h.healer.idle();
  assert.equal(h.host.masterCalls(), 2);
  const retry = h.raised.find((r) => r.data.action === "put-back");
  assert.equal(retry?.severity, "critical");
  assert.equal(retry?.data.ok, false);
  assert.match(
    retry?.detail ?? "",
    /ens1f0 is still outside bond0 after a second try: the bond has one member less until it is put back by hand \(ip link set dev ens1f0 down; ip link set dev ens1f0 master bond0; ip link set dev ens1f0 up\)\. FAILED: .*Device or resource busy/,
  );
});

test("a member whose LACP recovered by itself is not re-enslaved; a hook still hears of it", async () => {
  const hook: HealRule = { on: ["lacp-state-changed"], action: "run", script: "/hook" };
  const h = bondHealer([REENSLAVE, hook], { cooldownMs: 0 });
  h.healer.event({ ...h.lacp("ens1f0 actor state 71 -> 63"), severity: "info" });
  await h.healer.idle();
  assert.deepEqual(
    h.raised.map((r) => r.data.action),
    ["run"],
    "only the hook runs on a recovery",
  );
  h.healer.event({ ...h.lacp("ens1f0 actor state 63 -> 71 (Expired)"), severity: "warning" });
  await h.healer.idle();
  assert.equal(h.actions().filter((a) => a.data.action === "reenslave").length, 1);
});

test("a member collecting and distributing when the event is considered is not re-enslaved", async () => {
  // A stale or transient event (the partner's LACPDU still flagged Expired as LACP comes back):
  // the kernel says the member works, so the guard refuses.
  const h = bondHealer([REENSLAVE], { cooldownMs: 0, bonding: HEALTHY_BONDING });
  h.healer.event({ ...h.lacp("ens1f0 partner state 0 -> 143 (+expired)"), severity: "warning" });
  await h.healer.idle();
  assert.equal(h.actions().length, 0);
  assert.deepEqual(h.host.calls, []);
  assert.match(
    h.raised[0]?.detail ?? "",
    /reenslave ens1f0 refused: ens1f0 is collecting and distributing now \(its LACP works\): nothing to heal/,
  );
});

test("a member that hears its partner again and is negotiating is not re-enslaved mid-way", async () => {
  // As LACP comes back the partner's first LACPDU (still flagged Expired) can arrive before
  // the member aggregates: actor state 7 (activity, short timeout, aggregation; neither
  // Expired nor Defaulted). The VM lab saw this trigger a second re-enslave.
  const h = bondHealer([REENSLAVE], { cooldownMs: 0, bonding: brokenBonding(7) });
  h.healer.event({ ...h.lacp("ens1f0 partner state 0 -> 143 (+expired)"), severity: "warning" });
  await h.healer.idle();
  assert.equal(h.actions().length, 0);
  assert.match(
    h.raised[0]?.detail ?? "",
    /hears its partner's LACPDUs again and LACP is negotiating/,
  );
});
