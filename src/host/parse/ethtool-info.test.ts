import assert from "node:assert/strict";
import { test } from "node:test";
import { readRepoFile } from "../../../test/support/paths.js";
import { parseEthtoolInfo } from "./ethtool-info.js";

test("parseEthtoolInfo reads driver, version, firmware and bus of incident 000's NIC", () => {
  const file = "examples/000-lacp-no-partner/sos_commands/networking/ethtool_-i_eno1";
  const { value, problems } = parseEthtoolInfo(readRepoFile(file), file);
  assert.deepEqual(problems, []);
  assert.equal(value?.driver, "tg3");
  assert.equal(value?.firmware, "FFV7.10.17 bc 5720-v1.39");
  assert.equal(value?.busInfo, "0000:01:00.0");
  assert.equal(value?.source.line, 1);
});

test("parseEthtoolInfo reports output without a driver line, and nothing for empty output", () => {
  assert.equal(
    parseEthtoolInfo("Cannot get driver information: Operation not supported\n", "f").problems
      .length,
    1,
  );
  assert.deepEqual(parseEthtoolInfo("", "f"), { value: undefined, problems: [] });
});
