import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { packageOf } from "../tools.js";
import { COMMANDS, ethtoolInfo, ethtoolLink, liveCommands, teamdctlState } from "./commands.js";
import { readHost } from "./read-host.js";

/** A copy of a fixture host with `edit` applied to one of its files. */
function withEdit(host: string, rel: string, edit: (text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), "lg-noise-"));
  cpSync(join(REPO_ROOT, host), dir, { recursive: true });
  writeFileSync(join(dir, rel), edit(readFileSync(join(dir, rel), "utf8")));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test("iproute2's stderr in a sos file ('Message truncated') is no unparseable input, and is reported as unseen", () => {
  const ip = "sos_commands/networking/ip_-d_address";
  const text = withEdit(
    "examples/healthy-8023ad",
    ip,
    (t) => `Message truncated\n${t}Message truncated\n`,
  );
  const json = withEdit(
    "test/fixtures/hosts/8023ad-nonroot-netlink-partner-zero",
    "sos_commands/networking/ip_-d_-j_link",
    (t) => `Message truncated\n${t}`,
  );
  try {
    const a = readHost(text.dir, { live: false });
    assert.deepEqual(a.problems, []);
    assert.equal(a.interfaces.ens1f0?.master, "bond0", "the output around the noise is still read");
    assert.ok(
      a.unseen.includes(
        `${ip} line 1: iproute2 said "Message truncated", so this output may miss some interfaces or details`,
      ),
    );
    const b = readHost(json.dir, { live: false });
    assert.deepEqual(b.problems, []);
    assert.equal(b.bonds[0]?.ad?.activeAggregator?.partnerMac, "00:00:00:00:00:00");
  } finally {
    text.done();
    json.done();
  }
});

test("sysctl's own warnings in sos's sysctl -a are no unparseable input, and the values around them are read", () => {
  const file = "sos_commands/kernel/sysctl_-a";
  const host = withEdit(
    "examples/002-dsr-real-server-arp",
    file,
    (t) =>
      `sysctl: permission denied on key 'fs.protected_regular'\n${t}sysctl: reading key "net.ipv6.conf.all.stable_secret"\n`,
  );
  try {
    const snap = readHost(host.dir, { live: false });
    assert.deepEqual(snap.problems, []);
    assert.equal(snap.sysctls["net.ipv4.conf.all.arp_ignore"]?.value, "0");
    assert.ok(
      snap.unseen.some((u) =>
        u.startsWith(`${file} line 1: sysctl said "sysctl: permission denied`),
      ),
    );
  } finally {
    host.done();
  }
});

test("every command the doctor runs names its package when the tool is missing", () => {
  const all = [
    ...Object.values(COMMANDS),
    ethtoolInfo("eno1"),
    ethtoolLink("eno1"),
    teamdctlState("team0"),
  ];
  for (const cmd of all)
    assert.ok(packageOf(cmd.argv[0] as string), `${cmd.argv[0]}: no package in TOOL_PACKAGES`);
  const path = process.env.PATH;
  process.env.PATH = mkdtempSync(join(tmpdir(), "lg-empty-path-"));
  try {
    const live = liveCommands();
    assert.equal(live.run(COMMANDS.dmidecode), undefined);
    assert.deepEqual(live.failures, ["dmidecode: not installed (package dmidecode)"]);
    // a PATH directory holding a dmidecode this user may not run (root may run anything)
    if (process.getuid?.() !== 0) {
      writeFileSync(join(process.env.PATH, "dmidecode"), "#!/bin/sh\n", { mode: 0o644 });
      const denied = liveCommands();
      denied.run(COMMANDS.dmidecode);
      assert.deepEqual(denied.failures, [
        "dmidecode: not installed, or not executable by this user (package dmidecode)",
      ]);
    }
  } finally {
    rmSync(process.env.PATH, { recursive: true, force: true });
    process.env.PATH = path;
  }
});
