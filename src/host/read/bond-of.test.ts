import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readBondOf } from "./bond-of.js";

/** A /sys/class/net with bond0 (members eth0, eth1) and a lone eth2, linked as the kernel links them. */
function fakeSysClassNet(): string {
  const sys = mkdtempSync(join(tmpdir(), "linkguard-bond-of-"));
  mkdirSync(join(sys, "bond0"));
  writeFileSync(join(sys, "bond0", "uevent"), "DEVTYPE=bond\nINTERFACE=bond0\nIFINDEX=4\n");
  for (const m of ["eth0", "eth1"]) {
    mkdirSync(join(sys, m));
    symlinkSync("../bond0", join(sys, m, "master"));
  }
  mkdirSync(join(sys, "eth2"));
  return sys;
}

test("readBondOf names the bond a member is enslaved to, from its master's uevent", (t) => {
  const sys = fakeSysClassNet();
  t.after(() => rmSync(sys, { recursive: true, force: true }));
  assert.equal(readBondOf("eth0", sys), "bond0");
  assert.equal(readBondOf("eth1", sys), "bond0");
});

test("readBondOf: an interface in no bond, or one that does not exist, has none", (t) => {
  const sys = fakeSysClassNet();
  t.after(() => rmSync(sys, { recursive: true, force: true }));
  assert.equal(readBondOf("eth2", sys), undefined);
  assert.equal(readBondOf("eth9", sys), undefined);
});

test("readBondOf reads nothing outside sysfs for a name the kernel refuses", (t) => {
  const sys = fakeSysClassNet();
  t.after(() => rmSync(sys, { recursive: true, force: true }));
  // "../x/eth0" would reach <sys>/../x/eth0/master/uevent.
  mkdirSync(join(sys, "inner"));
  symlinkSync("../bond0", join(sys, "inner", "master"));
  assert.equal(readBondOf("../inner", join(sys, "eth2")), undefined);
  assert.equal(readBondOf("..", sys), undefined);
});
