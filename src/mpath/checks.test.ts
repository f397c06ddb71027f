import assert from "node:assert/strict";
import { test } from "node:test";
import { checkGroup } from "./checks.js";

test("a healthy group raises nothing", () => {
  assert.deepEqual(
    checkGroup(
      "web",
      [
        { name: "eth0", mac: "02:00:00:00:00:01", testAddresses: ["10.0.0.10"] },
        { name: "eth1", mac: "02:00:00:00:00:02", testAddresses: ["10.0.0.11"] },
      ],
      true,
    ),
    [],
  );
});

test("shared MACs, a member without a test address, a test address twice", () => {
  const w = checkGroup(
    "web",
    [
      { name: "ge0", mac: "08:00:20:aa:bb:cc", testAddresses: ["10.0.0.10"] },
      { name: "ge1", mac: "08:00:20:aa:bb:cc", testAddresses: ["10.0.0.10"] },
      { name: "ge2", mac: "08:00:20:aa:bb:cd", testAddresses: [] },
    ],
    true,
  );
  assert.deepEqual(
    w.map((x) => x.kind),
    ["duplicate-hardware-address", "missing-test-address", "duplicate-test-address"],
  );
  assert.match(w[0]?.detail ?? "", /ge0 and ge1 in web share hardware address 08:00:20:aa:bb:cc/);
});

test("without probe targets a missing test address is no problem", () => {
  assert.deepEqual(
    checkGroup("web", [{ name: "eth0", mac: "02:00:00:00:00:01", testAddresses: [] }], false),
    [],
  );
});
