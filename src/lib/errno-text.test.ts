import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { test } from "node:test";
import { errnoText } from "./errno-text.js";

test("a missing file reads as the user says it, other errors keep their message", () => {
  let missing: unknown;
  try {
    statSync("/no/such/linkguard-file.pcap");
  } catch (err) {
    missing = err;
  }
  assert.equal(errnoText(missing), "no such file or directory");
  assert.equal(errnoText(Object.assign(new Error("x"), { code: "EACCES" })), "permission denied");
  assert.equal(errnoText(new Error("not a pcap or pcapng file")), "not a pcap or pcapng file");
  assert.equal(errnoText("plain"), "plain");
});
