// Withstood, and kept so: no command linkguard runs goes through a shell, so no name, filter
// or path from the input can become shell code on the way.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "./support/paths.js";

const SHELL_USES: Array<[RegExp, string]> = [
  [
    /import\s*\{[^}]*\b(exec|execSync)\b[^}]*\}\s*from\s*"node:child_process"/,
    "imports exec/execSync (they run /bin/sh)",
  ],
  [/shell\s*:\s*true/, "shell: true"],
  [/(spawn|execFile|execFileSync|spawnSync)\s*\(\s*"(sh|bash|\/bin\/sh|\/bin\/bash)"/, "runs sh"],
];

/**
 * The one shell allowed: mpath's armed command, a constant script whose command comes in as
 * positional arguments ("$@"), never as script text.
 */
const CONSTANT_SCRIPTS = [`spawn("sh", ["-c", 'read x && exec "$@"', "sh", ...this.argv]`];

test("no source file runs a command through a shell", () => {
  const dir = join(REPO_ROOT, "src");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  assert.ok(files.length > 100);
  const found: string[] = [];
  for (const f of files) {
    let text = readFileSync(join(dir, f), "utf8");
    for (const allowed of CONSTANT_SCRIPTS) text = text.replaceAll(allowed, "");
    for (const [re, what] of SHELL_USES) if (re.test(text)) found.push(`src/${f}: ${what}`);
  }
  assert.deepEqual(found, []);
});
