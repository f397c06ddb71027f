// SQL lives in src/store: the table layout is the store's business, and its typed readers are
// the interface the web, the CLI and the daemons use. Pure: the caller reads the files.

/** Files outside src/store allowed to hold SQL, and why. */
const ALLOWED: Record<string, string> = {
  // The doctor reads the watcher's neighbours table as a host source; host sits below store.
  "src/host/read/store-neighbours.ts": "host source",
};

/** A statement prepared on a better-sqlite3 handle, or SQL text run on one (`exec` is also a
 * name for running a command, so there only a leading SQL keyword counts). */
const SQL_CALL =
  /\.prepare\(|\.pragma\(|\.exec\(\s*[`"']\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|BEGIN|COMMIT|VACUUM)\b/i;

/** 1-based lines of `text` (the content of repository file `file`) that run SQL where they should not. */
export function sqlOutsideStore(file: string, text: string): number[] {
  if (!file.startsWith("src/") || file.startsWith("src/store/") || /\.test\.ts$/.test(file))
    return [];
  if (file in ALLOWED) return [];
  const lines: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (SQL_CALL.test(line)) lines.push(i + 1);
  });
  return lines;
}
