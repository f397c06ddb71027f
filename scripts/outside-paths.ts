// Paths in the repository's own files that point outside the repository (a sibling folder
// such as a sample directory beside the clone): a plain clone would not have them. Pure: the
// caller reads the files.
import { posix } from "node:path";

/** A path in a file that leaves the repository, with its 1-based line. */
export interface OutsidePath {
  line: number;
  path: string;
}

/** `../` paths: not part of a longer path or word (`a/../b`, `x..`), as in "../foo" or (../foo). */
const RELATIVE = /(?<![\w./-])(?:\.\.\/)+[\w.@/-]*/g;
/** A join/resolve argument list that climbs above a root named for the repository or package. */
const CLIMB = /\b(?:REPO_ROOT|PACKAGE_ROOT|repoRoot|repo)\s*,\s*(["'`])\.\.\1/g;

/** The marker of a line whose outside path is deliberate. */
const ALLOW = "outside-path-ok";

/** True when `rel` (relative to the repository) names something outside it. */
function escapes(fromDir: string, rel: string): boolean {
  const target = posix.normalize(posix.join(fromDir, rel));
  return target === ".." || target.startsWith("../");
}

/**
 * Every path in `text` (the content of `file`, relative to the repository root) that resolves
 * outside the repository. TypeScript under src, test, bench and scripts runs compiled from
 * dist/, one folder deeper, so a relative path there counts only when it escapes from both
 * places (`new URL("../..", import.meta.url)` in scripts/ names the root once compiled).
 * A line that says `outside-path-ok`, or follows one that does, is deliberate (a hostile-input
 * test's link out) and is skipped.
 */
export function outsidePaths(file: string, text: string): OutsidePath[] {
  const dir = posix.dirname(file);
  const compiled = /^(src|test|bench|scripts)\/.*\.ts$/.test(file) ? `dist/${dir}` : undefined;
  const found: OutsidePath[] = [];
  const lines = text.split("\n");
  lines.forEach((lineText, i) => {
    if (lineText.includes(ALLOW) || lines[i - 1]?.includes(ALLOW)) return;
    for (const m of lineText.matchAll(RELATIVE)) {
      const rel = m[0];
      if (escapes(dir, rel) && (compiled === undefined || escapes(compiled, rel)))
        found.push({ line: i + 1, path: rel });
    }
    for (const m of lineText.matchAll(CLIMB)) found.push({ line: i + 1, path: m[0] });
  });
  return found;
}
