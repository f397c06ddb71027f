import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { MissingToolError, onPath, requireTools, withPackage } from "./tools.js";

const dir = mkdtempSync(join(tmpdir(), "linkguard-tools-"));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "ip"), "#!/bin/sh\n");
chmodSync(join(dir, "ip"), 0o755);
writeFileSync(join(dir, "ping"), "not executable\n");

test("a tool counts as there only when PATH holds it executable", () => {
  assert.equal(onPath("ip", dir), true);
  assert.equal(onPath("ping", dir), false);
  assert.equal(onPath("arping", dir), false);
});

test("a missing tool is an error naming each tool and its Debian package", () => {
  assert.throws(
    () => requireTools("mpath run", ["ip", "ping", "arping"], dir),
    (err: unknown) => {
      assert.ok(err instanceof MissingToolError);
      assert.deepEqual(err.tools, ["ping", "arping"]);
      assert.equal(
        err.message,
        "mpath run needs ping (package iputils-ping), arping (package iputils-arping), not found on PATH; install: apt install iputils-ping iputils-arping",
      );
      return true;
    },
  );
  assert.doesNotThrow(() => requireTools("lab", ["ip"], dir));
});

test("every tool linkguard runs names its package", () => {
  assert.equal(withPackage("teamdctl"), "teamdctl (package libteam-utils)");
  assert.equal(withPackage("nft"), "nft (package nftables)");
  assert.equal(withPackage("bridge"), "bridge (package iproute2)");
  assert.equal(withPackage("tcpdump"), "tcpdump (package tcpdump)");
});
