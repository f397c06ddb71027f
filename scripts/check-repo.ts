// The repository checks itself (run by `npm run lint`): every rule is registered, tested,
// documented and fires in at least one golden case; every parser has a test; every corpus
// sample has its provenance; no code, test or document points outside the repository; every
// folder of src/ has its layer in biome.json.
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { doctorReportJsonSchema } from "../src/doctor/report-schema.js";
import { RULES } from "../src/doctor/rules/index.js";
import { renderRulesDoc } from "../src/doctor/rules-doc.js";
import { corpusProvenanceProblems } from "./corpus-provenance.js";
import { foldersWithoutLayer } from "./layer-folders.js";
import { outsidePaths } from "./outside-paths.js";
import { sqlOutsideStore } from "./sql-outside-store.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const problems: string[] = [];
const rulesDir = join(repo, "src/doctor/rules");
const ruleFiles = readdirSync(rulesDir).filter(
  (f) =>
    f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts" && !f.endsWith("-helpers.ts"),
);
const ids = new Set(RULES.map((r) => r.id));
for (const f of ruleFiles) {
  const id = f.replace(/\.ts$/, "");
  if (!ids.has(id)) problems.push(`src/doctor/rules/${f}: not listed in rules/index.ts`);
}

/** Rules that fire in some golden case (examples/*, test/fixtures/hosts/*). */
function firedInGoldenCases(): Set<string> {
  const fired = new Set<string>();
  for (const base of ["examples", "test/fixtures/hosts"]) {
    const dir = join(repo, base);
    if (!existsSync(dir)) continue;
    for (const c of readdirSync(dir)) {
      const file = join(dir, c, "expected-findings.json");
      if (!existsSync(file)) continue;
      for (const f of JSON.parse(readFileSync(file, "utf8")) as Array<{ rule: string }>)
        fired.add(f.rule);
    }
  }
  return fired;
}
const fired = firedInGoldenCases();
for (const r of RULES) {
  if (!existsSync(join(rulesDir, `${r.id}.ts`)))
    problems.push(`${r.id}: no src/doctor/rules/${r.id}.ts`);
  if (!existsSync(join(rulesDir, `${r.id}.test.ts`)))
    problems.push(`${r.id}: no test beside the rule`);
  if (!fired.has(r.id))
    problems.push(`${r.id}: fires in no golden case (examples/ or test/fixtures/hosts/)`);
  for (const [k, v] of Object.entries(r.doc)) {
    if (typeof v === "string" && (v.trim() === "" || v === "TODO"))
      problems.push(`${r.id}: doc.${k} is empty`);
  }
}
const doc = join(repo, "docs/rules.md");
if (!existsSync(doc) || readFileSync(doc, "utf8") !== renderRulesDoc(RULES)) {
  problems.push("docs/rules.md is out of date: run `npm run docs`");
}
const schemaFile = join(repo, "docs/doctor-report.schema.json");
if (!existsSync(schemaFile) || readFileSync(schemaFile, "utf8") !== doctorReportJsonSchema()) {
  problems.push("docs/doctor-report.schema.json is out of date: run `npm run docs`");
}
const parseDir = join(repo, "src/host/parse");
for (const f of readdirSync(parseDir)) {
  if (
    !f.endsWith(".ts") ||
    f.endsWith(".test.ts") ||
    f === "config-result.ts" ||
    f === "config-values.ts"
  )
    continue;
  // A part of a parser (proc-net-bonding-slave.ts) is tested through its parser's test.
  const base = f.replace(/\.ts$/, "");
  const tested = readdirSync(parseDir).some(
    (t) =>
      t.endsWith(".test.ts") &&
      (t === `${base}.test.ts` || base.startsWith(`${t.replace(/\.test\.ts$/, "")}-`)),
  );
  if (!tested) problems.push(`src/host/parse/${f}: no test beside the parser`);
}

/**
 * Every regular file under a folder of the repository, as repository-relative paths with "/".
 * Symbolic links are not followed: recorded snapshots hold sysfs links that point nowhere.
 */
function filesUnder(folder: string): string[] {
  const dir = join(repo, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => `${folder}/${f.split(sep).join("/")}`)
    .filter((f) => lstatSync(join(repo, f)).isFile())
    .sort();
}

const corpusFiles = filesUnder("test/corpus").map((f) => f.slice("test/corpus/".length));
const provenance = readFileSync(join(repo, "test/corpus/PROVENANCE.tsv"), "utf8");
for (const p of corpusProvenanceProblems(corpusFiles, provenance))
  problems.push(`test/corpus/${p}`);

// A plain clone has nothing beside it: code, tests, scripts, CI and docs stay inside.
const own = ["src", "test", "bench", "scripts", "docs", ".ci", "packaging"]
  .flatMap(filesUnder)
  .filter((f) => !f.startsWith("test/corpus/") && !f.startsWith("test/fixtures/"))
  .concat("README.md", "CONTRIBUTING.md", "package.json");
for (const file of own) {
  for (const o of outsidePaths(file, readFileSync(join(repo, file), "utf8")))
    problems.push(`${file}:${o.line}: ${o.path} points outside the repository`);
}

// SQL only in src/store (docs/store.md).
for (const file of own)
  for (const line of sqlOutsideStore(file, readFileSync(join(repo, file), "utf8")))
    problems.push(`${file}:${line}: SQL outside src/store: add a typed reader there`);

// Every folder of src/ has its layer in biome.json (docs/adr/0002-layers.md).
const srcFolders = readdirSync(join(repo, "src"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const biome = JSON.parse(readFileSync(join(repo, "biome.json"), "utf8"));
for (const f of foldersWithoutLayer(srcFolders, biome))
  problems.push(`src/${f}/: no layer in biome.json (docs/adr/0002-layers.md)`);

if (problems.length > 0) {
  process.stderr.write(
    `check-repo: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join("\n")}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `check-repo: ${RULES.length} rules registered, tested, documented and firing in a golden case\n`,
);
