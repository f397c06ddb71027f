import assert from "node:assert/strict";
import { test } from "node:test";
import { CommanderError } from "commander";
import { failureOutcome, wantsNagios } from "./usage.js";

test("wantsNagios sees every spelling of doctor's nagios format, and only doctor's", () => {
  assert.equal(wantsNagios(["doctor", "--format", "nagios", "--bogus"]), true);
  assert.equal(wantsNagios(["doctor", "--bogus", "-f", "nagios"]), true);
  assert.equal(wantsNagios(["doctor", "--format=nagios"]), true);
  assert.equal(wantsNagios(["doctor", "--format", "json"]), false);
  assert.equal(wantsNagios(["pcap", "--format", "nagios"]), false);
});

test("a usage error exits 3, with one UNKNOWN line for Nagios; help and version exit 0", () => {
  const unknown = new CommanderError(1, "commander.unknownOption", "error: unknown option '-x'");
  assert.deepEqual(failureOutcome(unknown, true), {
    code: 3,
    stdout: "LINKGUARD UNKNOWN - unknown option '-x'\n",
    stderr: "",
  });
  assert.deepEqual(failureOutcome(unknown, false), { code: 3, stdout: "", stderr: "" });
  assert.equal(failureOutcome(new CommanderError(0, "commander.version", "0.1.0"), true).code, 0);
  assert.deepEqual(failureOutcome(new Error("no such file\nor directory"), true), {
    code: 3,
    stdout: "LINKGUARD UNKNOWN - no such file or directory\n",
    stderr: "",
  });
});
