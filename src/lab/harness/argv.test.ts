import assert from "node:assert/strict";
import { test } from "node:test";
import { inNamespace, mpathArgv, watchArgv } from "./argv.js";

const CLI = { node: "/usr/bin/node", main: "/opt/linkguard/dist/src/cli/main.js" };

test("watchArgv: events as JSON lines on stdout, the given store, no metrics port, no dashboard", () => {
  assert.deepEqual(
    watchArgv({
      ...CLI,
      config: "/dev/null",
      db: "/tmp/w.db",
      host: "server",
      args: ["-i", "eth0"],
    }),
    [
      "/usr/bin/node",
      "/opt/linkguard/dist/src/cli/main.js",
      "watch",
      "--config",
      "/dev/null",
      "--jsonl",
      "-",
      "--db",
      "/tmp/w.db",
      "--metrics",
      "off",
      "--serve",
      "off",
      "--host",
      "server",
      "-i",
      "eth0",
    ],
  );
});

test("watchArgv puts the neighbour table before the scenario's flags, which come last and win", () => {
  const argv = watchArgv({
    ...CLI,
    config: "/tmp/lg/watch.yaml",
    db: "/tmp/watch-1.db",
    host: "server",
    lldp: "/tmp/n.jsonl",
    args: ["--interval", "50"],
  });
  assert.deepEqual(argv.slice(argv.indexOf("--lldp"), argv.indexOf("--lldp") + 2), [
    "--lldp",
    "/tmp/n.jsonl",
  ]);
  assert.deepEqual(argv.slice(-2), ["--interval", "50"]);
  assert.ok(!watchArgv({ ...CLI, config: "c", db: "d", host: "h", args: [] }).includes("--lldp"));
});

test("mpathArgv runs mpath with the harness's config file", () => {
  assert.deepEqual(mpathArgv({ ...CLI, config: "/tmp/x/linkguard.yaml" }).slice(2), [
    "mpath",
    "run",
    "--config",
    "/tmp/x/linkguard.yaml",
  ]);
});

test("inNamespace runs argv with ip netns exec, only in a lab's own namespace", () => {
  assert.deepEqual(inNamespace("lg-a1b2c3-server", ["node", "x.js"]), {
    file: "ip",
    args: ["netns", "exec", "lg-a1b2c3-server", "node", "x.js"],
  });
  assert.throws(() => inNamespace("prod-ns", ["node"]), /not a lab namespace: "prod-ns"/);
  assert.throws(() => inNamespace("lg-a1b2c3-server; reboot", ["node"]), /not a lab namespace/);
  assert.throws(() => inNamespace("lg-a1b2c3-server", []), /nothing to run/);
});
