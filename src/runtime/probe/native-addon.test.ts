import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { describeProber } from "../prober.js";
import {
  chooseLinkEvents,
  chooseProber,
  loadLinkEvents,
  loadNative,
  neighbourFramesOf,
  proberPreference,
} from "./native-addon.js";

test("an addon that was never built falls back to ping/arping and says why", () => {
  const c = loadNative(join(tmpdir(), "no-such-dir", "linkguard_prober.node"));
  assert.equal(c.kind, "ping");
  assert.match(c.reason, /native prober not built .* python3, make and a C compiler/);
});

test("a broken addon file falls back to ping/arping with the loader's error", () => {
  const dir = mkdtempSync(join(tmpdir(), "lg-addon-"));
  try {
    const file = join(dir, "linkguard_prober.node");
    writeFileSync(file, "not a shared object");
    const c = loadNative(file);
    assert.equal(c.kind, "ping");
    assert.match(c.reason, /native prober did not load: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("LINKGUARD_PROBER chooses: ping always falls back, a typo is an error", () => {
  assert.equal(proberPreference({}), "auto");
  assert.equal(proberPreference({ LINKGUARD_PROBER: "native" }), "native");
  assert.throws(() => proberPreference({ LINKGUARD_PROBER: "nativ" }), /auto, native or ping/);
  const c = chooseProber("ping");
  assert.equal(c.kind, "ping");
  assert.match(c.reason, /LINKGUARD_PROBER=ping/);
});

test("link events fall back to ip monitor when the addon is missing or broken, and say why", () => {
  const missing = loadLinkEvents(join(tmpdir(), "no-such-dir", "linkguard_prober.node"));
  assert.equal(missing.kind, "ip-monitor");
  assert.match(missing.reason, /native prober not built/);
  const dir = mkdtempSync(join(tmpdir(), "lg-addon-"));
  try {
    const file = join(dir, "linkguard_prober.node");
    writeFileSync(file, "not a shared object");
    const broken = loadLinkEvents(file);
    assert.equal(broken.kind, "ip-monitor");
    assert.match(broken.reason, /native prober did not load: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("LINKGUARD_PROBER=ping takes link events from ip monitor too", () => {
  const c = chooseLinkEvents("ping");
  assert.equal(c.kind, "ip-monitor");
  assert.match(c.reason, /LINKGUARD_PROBER=ping/);
});

test("describeProber says which prober runs and where link events come from, with the reasons", () => {
  const ping = chooseProber("ping");
  assert.equal(
    describeProber(ping, chooseLinkEvents("ping")),
    "prober: ping/arping (LINKGUARD_PROBER=ping asks for ping/arping); link events: ip monitor (LINKGUARD_PROBER=ping asks for the fallbacks)",
  );
  const native = { kind: "native" as const, addon: {} as never, reason: "raw sockets" };
  assert.equal(
    describeProber(native, { kind: "netlink", addon: {} as never, reason: "rtnetlink socket" }),
    "prober: native (raw sockets); link events: native (rtnetlink socket)",
  );
});

test("LLDP/CDP frames come from packet sockets only where the native prober runs, else from tcpdump", () => {
  const ping = neighbourFramesOf(chooseProber("ping"));
  assert.deepEqual(ping, {
    kind: "tcpdump",
    reason: "the native prober does not run: LINKGUARD_PROBER=ping asks for ping/arping",
  });
  const old = neighbourFramesOf({ kind: "native", addon: {} as never, reason: "raw sockets" });
  assert.equal(old.kind, "tcpdump");
  assert.match(old.reason, /out of date .* npm run install/);
  const addon = { openNeighbours: () => ({}) } as never;
  assert.deepEqual(neighbourFramesOf({ kind: "native", addon, reason: "raw sockets" }), {
    kind: "native",
    addon,
    reason: "packet sockets, kernel BPF filter",
  });
});
