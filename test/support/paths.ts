// Where tests find the repository and its sample corpus, wherever the compiled test runs from.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "src"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("cannot find the repository root from the test's location");
}

export const REPO_ROOT = findRepoRoot();
/** The real public samples every parser is tested against, inside the repository (test/corpus). */
export const CORPUS = join(REPO_ROOT, "test", "corpus");

/** Every file under dir (recursively), as paths relative to dir, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The text of one corpus file, by its path relative to CORPUS (tests only: parsers never read files). */
export function readCorpus(rel: string): string {
  return readFileSync(join(CORPUS, rel), "utf8");
}

/** Text of a file in this repository (examples, fixtures), by repository-relative path. */
export function readRepoFile(rel: string): string {
  return readFileSync(join(REPO_ROOT, rel), "utf8");
}
