// The README's first screen is what a new user compares with their own terminal: its sample
// of `linkguard doctor --root examples/000-lacp-no-partner` must be what the doctor prints
// (lines in order; a line ending in " ..." is cut short, a line "..." skips lines).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "./support/cli.js";
import { readRepoFile } from "./support/paths.js";

const COMMAND = "$ linkguard doctor --root examples/000-lacp-no-partner";

function readmeSample(): string[] {
  const readme = readRepoFile("README.md");
  const start = readme.indexOf(`\`\`\`\n${COMMAND}\n`);
  assert.ok(start >= 0, `README.md has no sample starting with ${COMMAND}`);
  const body = readme.slice(start + 4 + COMMAND.length + 1);
  return body.slice(0, body.indexOf("```\n")).trimEnd().split("\n");
}

test("the README's doctor sample matches what the doctor prints for examples/000", () => {
  const r = runCli(COMMAND.slice(2).split(" ").slice(1));
  assert.equal(r.code, 2, r.stderr);
  const actual = r.stdout.split("\n");
  let at = 0;
  for (const line of readmeSample()) {
    if (line.trim() === "...") continue;
    const cut = line.endsWith(" ...");
    const want = cut ? line.slice(0, -4) : line;
    const found = actual.findIndex((a, i) => i >= at && (cut ? a.startsWith(want) : a === want));
    assert.ok(
      found >= 0,
      `README.md sample line not in the output (in order):\n${line}\n\noutput:\n${r.stdout}`,
    );
    at = found + 1;
  }
});
