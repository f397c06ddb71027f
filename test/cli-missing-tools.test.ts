// A missing system tool is an error at start naming the tool and its Debian package; the
// doctor keeps working and lists what it could not see. PATH is pointed at a directory that
// holds only the tools a case allows (links to the real ones).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "./support/cli.js";
import { needs } from "./support/requires.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-missing-tools-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A PATH directory with only these tools in it. */
function pathWith(name: string, tools: string[]): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const t of tools) {
    const real = execFileSync("sh", ["-c", 'command -v "$1"', "sh", t], { encoding: "utf8" });
    symlinkSync(real.trim(), join(dir, t));
  }
  return dir;
}

const config = join(tmp, "linkguard.yaml");
writeFileSync(
  config,
  `mpath:
  status_file: ${join(tmp, "mpath.json")}
  groups:
    - name: web
      members: [lgnone0, lgnone1]
      data_addresses: { lgnone0: [10.77.0.50/24] }
      targets: [127.0.0.1]
      auto_targets: false
`,
);

test("doctor without ip or ethtool still diagnoses, and lists each command it could not run with its package", () => {
  const r = runCli(["doctor", "--root", "/"], { env: { PATH: pathWith("none", []) } });
  assert.notEqual(r.code, 3, r.stderr);
  assert.match(r.stdout, /Not seen/);
  assert.match(r.stdout, /ip -d -j address: not installed \(package iproute2\)/);
});

test("mpath run without ping stops at start naming ping and iputils-ping, and moves nothing", {
  skip: needs({ tools: ["ip"] }),
}, () => {
  // The ping/arping prober needs arping for announcements; the native one sends them itself.
  const r = runCli(["mpath", "run", "--config", config, "--duration", "1s", "--metrics", "off"], {
    env: { PATH: pathWith("ip-only", ["ip", "stdbuf"]), LINKGUARD_PROBER: "ping" },
  });
  assert.equal(r.code, 3);
  assert.match(
    r.stderr,
    /mpath run needs ping \(package iputils-ping\), arping \(package iputils-arping\)/,
  );
  assert.equal(r.stdout, "");
});

test("watch without ip stops at start naming ip and iproute2", () => {
  const r = runCli(["watch", "--config", config, "--duration", "1s", "--no-store"], {
    env: { PATH: pathWith("nothing", []) },
  });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /watch needs ip \(package iproute2\)/);
});

test("lab run mpath-failover without ping and arping refuses to start instead of printing outages", {
  skip: needs({ root: true, tools: ["ip", "bridge"] }),
}, () => {
  const r = runCli(["lab", "run", "mpath-failover"], {
    env: { PATH: pathWith("lab", ["ip", "bridge", "stdbuf"]) },
  });
  assert.equal(r.code, 3);
  assert.match(
    r.stderr,
    /lab run mpath-failover needs ping \(package iputils-ping\), arping \(package iputils-arping\)/,
  );
  assert.doesNotMatch(r.stdout, /outage/);
});
