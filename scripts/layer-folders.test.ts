import assert from "node:assert/strict";
import { test } from "node:test";
import { foldersWithoutLayer } from "./layer-folders.js";

const restrict = { linter: { rules: { style: { noRestrictedImports: { level: "error" } } } } };

test("foldersWithoutLayer names a src folder that no restricting override covers, but cli at the top", () => {
  const config = {
    overrides: [
      { includes: ["src/lib/**"], ...restrict },
      { includes: ["src/watch/**", "!src/watch/daemon.ts"], ...restrict },
      { includes: ["src/runtime/**"], linter: { rules: {} } },
      { includes: ["src/store/x.ts"], ...restrict },
    ],
  };
  assert.deepEqual(foldersWithoutLayer(["cli", "lib", "watch", "runtime", "store"], config), [
    "runtime",
    "store",
  ]);
});
