import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { FakeRoot } from "../../test/support/watch-world.js";
import { groupOf } from "./heal-start.js";

const roots: FakeRoot[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) r.remove();
});

function root(): FakeRoot {
  const r = new FakeRoot();
  roots.push(r);
  for (const i of ["eth0", "eth1", "eth2"]) r.addLink(i);
  return r;
}

test("a bond member's group is every member the bond lists now", () => {
  const r = root();
  r.addBond("bond0", ["eth0", "eth1"]);
  assert.deepEqual(groupOf("eth1", ["eth0", "eth2"], r.sysClassNet), ["eth0", "eth1"]);
});

test("an interface in no bond falls back to the probing members", () => {
  const r = root();
  r.addBond("bond0", ["eth0", "eth1"]);
  assert.deepEqual(groupOf("eth2", ["eth2", "eth9"], r.sysClassNet), ["eth2", "eth9"]);
});

test("a name that would leave sysfs is not read: the probing members", () => {
  const r = root();
  r.addBond("bond0", ["eth0", "eth1"]);
  assert.deepEqual(groupOf("../bond0/..", ["eth2"], r.sysClassNet), ["eth2"]);
  assert.deepEqual(groupOf("eth0/../eth1", ["eth2"], r.sysClassNet), ["eth2"]);
});
