// Every option a verb's --help offers is in the document a user is sent to, so an on-call
// engineer reading docs/ finds each switch the CLI has. (The other direction, a documented
// option that does not exist, fails at the CLI itself: unknown option, exit 3.)
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { EVENT_KINDS } from "../src/events/types.js";
import { runCli } from "./support/cli.js";
import { REPO_ROOT, readRepoFile } from "./support/paths.js";

const VERBS: Array<[string[], string[]]> = [
  [["doctor"], ["docs/doctor.md"]],
  [["snapshot"], ["docs/doctor.md"]],
  [["demo"], ["README.md"]],
  [["watch"], ["docs/watch.md", "docs/config.md"]],
  [["events"], ["docs/store.md"]],
  [["incidents"], ["docs/store.md"]],
  [["incidents", "show"], ["docs/store.md"]],
  [["timeline"], ["docs/store.md"]],
  [
    ["mpath", "run"],
    ["docs/mpath.md", "docs/config.md"],
  ],
  [["mpath", "status"], ["docs/mpath.md"]],
  [["serve"], ["docs/serve.md", "docs/config.md"]],
  [["pcap", "summary"], ["docs/pcap.md"]],
  [["pcap", "lacp"], ["docs/pcap.md"]],
  [["pcap", "arp"], ["docs/pcap.md"]],
  [["pcap", "storms"], ["docs/pcap.md"]],
  [["pcap", "neighbors"], ["docs/pcap.md"]],
];

/** The long options of a --help text ("  -c, --config <file>  ..." -> "--config"). */
function helpOptions(help: string): string[] {
  const out = new Set<string>();
  for (const m of help.matchAll(/^ {2}(?:-[a-zA-Z], )?(--[a-z][a-z-]*)/gm))
    if (m[1] !== "--help") out.add(m[1] as string);
  return [...out];
}

for (const [verb, docs] of VERBS) {
  test(`every option of linkguard ${verb.join(" ")} --help is in ${docs.join(" or ")}`, () => {
    const r = runCli([...verb, "--help"]);
    assert.equal(r.code, 0, r.stderr);
    const options = helpOptions(r.stdout);
    assert.ok(options.length > 0, "no option found in the help text");
    const text = docs.map(readRepoFile).join("\n");
    const missing = options.filter((o) => !new RegExp(`${o}(?![a-z-])`).test(text));
    assert.deepEqual(missing, [], `undocumented in ${docs.join(", ")}`);
  });
}

test("every event kind the store can hold is described somewhere in docs/", () => {
  const docs = readdirSync(join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => readRepoFile(`docs/${f}`))
    .join("\n");
  const missing = EVENT_KINDS.filter((k) => !docs.includes(`\`${k}\``));
  assert.deepEqual(missing, []);
});
