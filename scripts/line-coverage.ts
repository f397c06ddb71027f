// Line coverage from an lcov report (what Node's test runner writes with --test-reporter=lcov),
// counted over every source file: a file that no test loaded counts with all its lines
// uncovered, so a module nobody tests lowers the figure instead of vanishing from it.

export interface LineCount {
  lines: number;
  covered: number;
}

/** LF/LH of each SF record of an lcov text, keyed by the path as written. */
export function parseLcov(text: string): Map<string, LineCount> {
  const out = new Map<string, LineCount>();
  let file: string | undefined;
  let count: LineCount = { lines: 0, covered: 0 };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("SF:")) {
      file = line.slice(3);
      count = { lines: 0, covered: 0 };
    } else if (line.startsWith("LF:")) count.lines = Number(line.slice(3));
    else if (line.startsWith("LH:")) count.covered = Number(line.slice(3));
    else if (line === "end_of_record" && file !== undefined) {
      out.set(file, count);
      file = undefined;
    }
  }
  return out;
}

export interface CoverageRow extends LineCount {
  /** A top-level folder of src/ ("watch"), or "all". */
  name: string;
}

/**
 * Lines and covered lines per top-level folder of src/ and in all. `sources` maps each source
 * file ("src/watch/daemon.ts") to its line count, used when the report does not have it.
 */
export function coverageRows(
  report: ReadonlyMap<string, LineCount>,
  sources: ReadonlyMap<string, number>,
): CoverageRow[] {
  const folders = new Map<string, LineCount>();
  const all: LineCount = { lines: 0, covered: 0 };
  for (const [file, lineCount] of sources) {
    const seen = report.get(file) ?? { lines: lineCount, covered: 0 };
    const name = file.split("/")[1] ?? file;
    const folder = folders.get(name) ?? { lines: 0, covered: 0 };
    folder.lines += seen.lines;
    folder.covered += seen.covered;
    folders.set(name, folder);
    all.lines += seen.lines;
    all.covered += seen.covered;
  }
  const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
  return [...rows.map(([name, c]) => ({ name, ...c })), { name: "all", ...all }];
}

export function percent(c: LineCount): number {
  return c.lines === 0 ? 100 : (100 * c.covered) / c.lines;
}

export function renderCoverage(rows: readonly CoverageRow[]): string {
  const lines = rows.map(
    (r) =>
      `${r.name.padEnd(8)} ${percent(r).toFixed(1).padStart(5)} %  ${String(r.covered).padStart(6)} of ${String(r.lines).padStart(6)} lines`,
  );
  return `${lines.join("\n")}\n`;
}
