import assert from "node:assert/strict";
import { test } from "node:test";
import { stormArgv } from "./storm.js";

test("stormArgv sends into a lab tap only, bounded in time and count", () => {
  const argv = stormArgv("lg-8fcbf8-t2", "52:54:00:4c:00:00", 5, 1000);
  assert.equal(argv[0], "python3");
  assert.deepEqual(argv.slice(3), ["lg-8fcbf8-t2", "52:54:00:4c:00:00", "5", "1000"]);
  assert.throws(() => stormArgv("eth0", "52:54:00:4c:00:00", 5, 1000), /not a lab tap/);
  assert.throws(() => stormArgv("lg-8fcbf8-t2", "52:54:00:4c:00:00", 3600, 1000), /seconds/);
  assert.throws(() => stormArgv("lg-8fcbf8-t2", "52:54:00:4c:00", 5, 1000), /bad MAC/);
});
