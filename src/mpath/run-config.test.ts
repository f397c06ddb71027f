import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, parseConfig } from "../config/config.js";
import { mpathRunConfig } from "./run-config.js";

const checked = (text: string) => ({
  config: parseConfig(text, "/etc/linkguard/linkguard.yaml"),
  text,
  file: "/etc/linkguard/linkguard.yaml",
});

test("mpath run without a config file says where one is needed", () => {
  assert.throws(
    () => mpathRunConfig(checked("")),
    (e: unknown) =>
      e instanceof ConfigError &&
      /^no config file at \/etc\/linkguard\/linkguard\.yaml: mpath run needs one with mpath\.groups/.test(
        e.message,
      ),
  );
});

test("a config file without mpath groups names the file and the key to add", () => {
  assert.throws(
    () => mpathRunConfig(checked("doctor:\n  silence: []\n")),
    /linkguard\.yaml: no mpath groups configured: add mpath\.groups/,
  );
});

test("a config with a group gives mpath's section", () => {
  const cfg = mpathRunConfig(
    checked("mpath:\n  groups:\n    - name: web\n      members: [eth0, eth1]\n"),
  );
  assert.deepEqual(
    cfg.groups.map((g) => [g.name, g.members]),
    [["web", ["eth0", "eth1"]]],
  );
});
