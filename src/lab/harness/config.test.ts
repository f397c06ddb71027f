import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { mpathConfigSchema } from "../../mpath/config.js";
import { watchConfigSchema } from "../../watch/config.js";
import { mpathLabConfig, renderConfig } from "./config.js";

const GROUP = {
  statusFile: "/tmp/linkguard-mpath-x/mpath.json",
  store: "/tmp/linkguard-mpath-x/mpath.db",
  data: "10.77.0.50/24",
  standby: [],
  failureDetectionMs: 100,
  target: "10.77.0.1",
};

test("the mpath lab config, as written, is what mpath's own schema reads back", () => {
  const read = parse(renderConfig(mpathLabConfig({ ...GROUP, standby: ["eth1"] }))) as {
    mpath: unknown;
  };
  const c = mpathConfigSchema.parse(read.mpath);
  assert.equal(c.status_file, GROUP.statusFile);
  assert.deepEqual(c.store, { path: GROUP.store });
  const g = c.groups[0];
  assert.deepEqual(
    [g?.members, g?.standby, g?.data_addresses, g?.failure_detection_ms, g?.targets],
    [["eth0", "eth1"], ["eth1"], { eth0: ["10.77.0.50/24"] }, 100, ["10.77.0.1"]],
  );
  assert.deepEqual([g?.auto_targets, g?.link_up_grace_ms, g?.announce_count], [false, 0, 2]);
});

test("an empty standby list is written as an empty list, not as a missing value", () => {
  const read = parse(renderConfig(mpathLabConfig(GROUP))) as { mpath: unknown };
  assert.deepEqual(mpathConfigSchema.parse(read.mpath).groups[0]?.standby, []);
});

test("paths that would break a config built by string (': ', '#', quotes) come back intact", () => {
  // TMPDIR is the user's. Written into YAML by string, " #" starts a comment (the path is cut
  // short) and ": " opens a mapping (the file no longer parses).
  const odd = "/tmp/my dir: #1 'x\" {a}/mpath.json";
  const read = parse(renderConfig(mpathLabConfig({ ...GROUP, statusFile: odd }))) as {
    mpath: unknown;
  };
  assert.equal(mpathConfigSchema.parse(read.mpath).status_file, odd);
});

test("a watch config object is written so the watcher's schema reads it back", () => {
  const text = renderConfig({
    watch: {
      heal: {
        enabled: true,
        cooldown_s: 0,
        max_per_hour: 10,
        rules: [{ on: ["lacp-state-changed", "lacp-partner-lost"], action: "reenslave" }],
      },
    },
  });
  const c = watchConfigSchema.parse((parse(text) as { watch: unknown }).watch);
  assert.equal(c.heal.enabled, true);
  assert.deepEqual(c.heal.rules, [
    { on: ["lacp-state-changed", "lacp-partner-lost"], action: "reenslave" },
  ]);
});
