// Every option `linkguard lab` offers is in docs/lab.md, subcommand by subcommand, so the
// person reading the lab's page finds each switch `lab ... --help` shows. No root needed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "./support/cli.js";
import { readRepoFile } from "./support/paths.js";

const COMMANDS = ["up", "fault", "exec", "list", "down", "run"];

/** The long options of a --help text ("  -v, --verbose  ..." -> "--verbose"). */
function helpOptions(help: string): string[] {
  const out = new Set<string>();
  for (const m of help.matchAll(/^ {2}(?:-[a-zA-Z], )?(--[a-z][a-z-]*)/gm))
    if (m[1] !== "--help") out.add(m[1] as string);
  return [...out];
}

test("lab --help lists exactly the subcommands this test walks", () => {
  const r = runCli(["lab", "--help"]);
  assert.equal(r.code, 0, r.stderr);
  const commands = r.stdout.slice(r.stdout.indexOf("Commands:")).split("\n\n")[0] ?? "";
  const listed = [...commands.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
  assert.deepEqual(
    listed.filter((c) => c !== "help"),
    COMMANDS,
  );
});

for (const command of COMMANDS) {
  test(`every option of linkguard lab ${command} --help is in docs/lab.md`, () => {
    const r = runCli(["lab", command, "--help"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = readRepoFile("docs/lab.md");
    assert.ok(new RegExp(`\`lab ${command}[ \`]`).test(doc), `lab ${command} is not described`);
    const missing = helpOptions(r.stdout).filter((o) => !new RegExp(`\`${o}(?![a-z-])`).test(doc));
    assert.deepEqual(missing, [], `undocumented in docs/lab.md`);
  });
}
