import assert from "node:assert/strict";
import { test } from "node:test";
import { tcpdumpArgs } from "./interface-capture.js";

test("capture.filter reaches tcpdump after --, so a filter starting with - is never an option", () => {
  const args = tcpdumpArgs("eth0", { snaplen: 256, filter: "-z /tmp/evil.sh" });
  assert.deepEqual(args.slice(-2), ["--", "-z /tmp/evil.sh"]);
  assert.equal(args.indexOf("--"), args.length - 2, "nothing after the filter");
});

test("without a filter there is no -- and no empty argument", () => {
  assert.deepEqual(tcpdumpArgs("eth0", { snaplen: 256, filter: "" }), [
    "-i",
    "eth0",
    "-s",
    "256",
    "-U",
    "-n",
    "-w",
    "-",
  ]);
});
