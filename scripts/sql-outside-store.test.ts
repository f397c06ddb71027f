import assert from "node:assert/strict";
import { test } from "node:test";
import { sqlOutsideStore } from "./sql-outside-store.js";

test("a statement prepared outside src/store is named by line; the store and tests may", () => {
  const text = 'const a = 1;\nconst n = db.prepare("SELECT COUNT(*) FROM samples").get();\n';
  assert.deepEqual(sqlOutsideStore("src/web/health.ts", text), [2]);
  assert.deepEqual(sqlOutsideStore("src/web/x.ts", "db\n  .prepare(`SELECT 1`)"), [2]);
  assert.deepEqual(sqlOutsideStore("src/store/series.ts", text), []);
  assert.deepEqual(sqlOutsideStore("src/web/server.test.ts", text), []);
  assert.deepEqual(sqlOutsideStore("src/lab/vm/x.ts", 'ctx.exec("sw", ["ping"])'), []);
  assert.deepEqual(sqlOutsideStore("src/cli/x.ts", 'db.exec("CREATE TABLE t (a)");'), [1]);
});
