import assert from "node:assert/strict";
import { test } from "node:test";
import { parseWatchConfig } from "../config.js";
import { neighbourOptions } from "./start.js";

const config = (watch: unknown) => parseWatchConfig(watch, "", "test.yaml");

test("neighbourOptions listens on the watched and probing interfaces when lldp.interfaces is empty", () => {
  const o = neighbourOptions(
    config({ interfaces: ["bond0", "eth0"], lldp: { state_file: false } }),
    "h1",
    ["eth1"],
  );
  assert.deepEqual(o.interfaces, []);
  assert.deepEqual(o.extra, ["bond0", "eth0", "eth1"]);
  assert.equal(o.stateFile, null, "state_file: false keeps no table file");
  assert.equal(o.transmit, false, "the host is not announced unless asked");
});

test("neighbourOptions passes lldp.interfaces, the state file and transmit through", () => {
  const o = neighbourOptions(
    config({ lldp: { interfaces: ["eno1"], state_file: "/run/lg/n.jsonl", transmit: true } }),
    "h1",
    [],
  );
  assert.deepEqual(o.interfaces, ["eno1"]);
  assert.equal(o.stateFile, "/run/lg/n.jsonl");
  assert.equal(o.transmit, true);
});
