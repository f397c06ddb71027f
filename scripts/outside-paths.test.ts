import assert from "node:assert/strict";
import { test } from "node:test";
import { outsidePaths } from "./outside-paths.js";

// Written with UP so that this file does not itself hold the paths it tests.
const UP = "..";

test("outsidePaths finds a sample folder beside the clone, in docs and in test code", () => {
  assert.deepEqual(outsidePaths("README.md", `every sample in \`${UP}/samples/corpus\`, each`), [
    { line: 1, path: `${UP}/samples/corpus` },
  ]);
  assert.deepEqual(
    // Four folders up from dist/test/support, where this runs compiled, is beside the clone.
    outsidePaths("test/support/paths.ts", `const A = 1;\nconst C = "${UP}/${UP}/${UP}/${UP}/c";`),
    [{ line: 2, path: `${UP}/${UP}/${UP}/${UP}/c` }],
  );
});

test("outsidePaths finds a join or resolve that climbs above the repository root", () => {
  const line = `export const CORPUS = resolve(REPO_ROOT, "${UP}", "samples");`;
  assert.deepEqual(outsidePaths("test/support/paths.ts", line), [
    { line: 1, path: `REPO_ROOT, "${UP}"` },
  ]);
});

test("outsidePaths accepts paths that stay inside: imports, doc links, roots found from dist/", () => {
  const inside: Array<[string, string]> = [
    [
      "src/host/parse/x.test.ts",
      `import { CORPUS } from "${UP}/${UP}/${UP}/test/support/paths.js";`,
    ],
    ["docs/serve.md", `the API ([types](${UP}/src/web/api.ts))`],
    [
      "scripts/check-repo.ts",
      `const repo = fileURLToPath(new URL("${UP}/${UP}", import.meta.url));`,
    ],
    ["src/cli/demo.ts", `new URL("${UP}/${UP}/${UP}/examples", import.meta.url)`],
    ["src/web/static.ts", `join(dirname(here), "${UP}", "${UP}", "${UP}")`],
    [".ci/run", `cd "$(dirname "$0")/${UP}"`],
    ["test/x.test.ts", `join(CORPUS, "pcap", "a/${UP}/b")`],
  ];
  for (const [file, text] of inside) assert.deepEqual(outsidePaths(file, text), [], file);
});

test("outsidePaths counts a script's relative path from its own folder when it is not compiled", () => {
  assert.deepEqual(outsidePaths(".ci/run", `cp -a ${UP}/${UP}/elsewhere x`), [
    { line: 1, path: `${UP}/${UP}/elsewhere` },
  ]);
  assert.deepEqual(outsidePaths(".ci/run", `cp -a ${UP}/README.md x`), []);
});

test("outsidePaths skips a path marked outside-path-ok on its line or the line before", () => {
  const up = "../".repeat(4); // built, so that this file holds no outside path itself
  const text = [
    "// outside-path-ok: the link out is the attack under test",
    `link("${up}etc/hostname")`,
    `other("${up}etc/passwd")`,
    `same("${up}etc/shadow") // outside-path-ok`,
  ].join("\n");
  assert.deepEqual(outsidePaths("test/x.test.ts", text), [{ line: 3, path: `${up}etc/passwd` }]);
});
