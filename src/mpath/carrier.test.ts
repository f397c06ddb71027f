import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { carrierReader } from "./carrier.js";

test("carrier at start: 1 is up, 0 is down, unreadable or a bad name is unknown", () => {
  const root = mkdtempSync(join(tmpdir(), "linkguard-carrier-"));
  try {
    for (const [dev, value] of [
      ["eth0", "1\n"],
      ["eth1", "0\n"],
    ] as const) {
      mkdirSync(join(root, "sys/class/net", dev), { recursive: true });
      writeFileSync(join(root, "sys/class/net", dev, "carrier"), value);
    }
    // eth2 has no readable carrier (the kernel answers EINVAL while it is down).
    mkdirSync(join(root, "sys/class/net/eth2"), { recursive: true });
    writeFileSync(join(root, "sys/class/carrier"), "1\n");
    const carrier = carrierReader(root);
    assert.equal(carrier("eth0"), true);
    assert.equal(carrier("eth1"), false);
    assert.equal(carrier("eth2"), null);
    assert.equal(carrier("eth9"), null);
    assert.equal(carrier(".."), null, "no path outside the interface's folder");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
