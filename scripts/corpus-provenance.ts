// Every sample in test/corpus has a PROVENANCE.tsv row (source, path, commit, licence) and
// every row names a sample that is there. Pure: the caller lists the files and reads the TSV.

/** Files of the corpus folder itself, not samples. */
const OWN_FILES = new Set(["README.md", "PROVENANCE.tsv"]);
const COLUMNS = ["file", "source_repository", "path_in_source", "commit", "license"];

/**
 * Problems, as lines for check-repo. `files` are the corpus' files relative to its folder;
 * a row may name a whole tree as `dir/ (directory tree, N files)`.
 */
export function corpusProvenanceProblems(files: string[], tsv: string): string[] {
  const problems: string[] = [];
  const [header = "", ...rows] = tsv.split("\n").filter((l) => l.trim() !== "");
  const names = header.split("\t");
  if (COLUMNS.some((c, i) => names[i] !== c))
    return [`PROVENANCE.tsv: header must start with ${COLUMNS.join(", ")}`];
  const covered = new Set<string>();
  const trees: string[] = [];
  for (const row of rows) {
    const cells = row.split("\t");
    const name = (cells[0] ?? "").replace(/ \(.*\)$/, "");
    if (COLUMNS.some((_, i) => (cells[i] ?? "").trim() === ""))
      problems.push(`PROVENANCE.tsv: ${name}: a column of ${COLUMNS.join(", ")} is empty`);
    if (name.endsWith("/")) {
      trees.push(name);
      if (!files.some((f) => f.startsWith(name)))
        problems.push(`PROVENANCE.tsv: ${name}: no such folder`);
    } else {
      covered.add(name);
      if (!files.includes(name)) problems.push(`PROVENANCE.tsv: ${name}: no such file`);
    }
  }
  for (const f of files) {
    if (OWN_FILES.has(f) || covered.has(f) || trees.some((t) => f.startsWith(t))) continue;
    problems.push(`${f}: no row in PROVENANCE.tsv (source, path, commit, licence)`);
  }
  return problems;
}
