import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../test/support/paths.js";
import { doctorRootProblem } from "./serve.js";

test("serve refuses at start a --doctor-root that is missing, warns about one that is no host", () => {
  assert.equal(doctorRootProblem("/"), undefined);
  assert.equal(doctorRootProblem(join(REPO_ROOT, "examples/healthy-8023ad")), undefined);
  assert.deepEqual(doctorRootProblem("/no/such/sosreport"), {
    error: "--doctor-root /no/such/sosreport: no such file or directory",
  });
  const docs = doctorRootProblem(join(REPO_ROOT, "docs"));
  assert.ok(docs !== undefined && "warning" in docs, JSON.stringify(docs));
  assert.match(docs.warning, /^--doctor-root not a host: none of/);
});
