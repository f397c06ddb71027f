// Plain aligned columns for people: two spaces apart, numbers right-aligned, no borders
// (readable over SSH, greppable, and stable for `column -t`-style eyes).
import { escapeControl } from "../../lib/text.js";

export interface Column {
  header: string;
  align?: "left" | "right";
}

/**
 * Cells come from the store (interface names, titles): control characters are shown escaped,
 * so a name cannot move the cursor, retitle the terminal or add a row.
 */
export function renderTable(columns: readonly Column[], input: readonly string[][]): string {
  const rows = input.map((r) => r.map(escapeControl));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? "";
        const w = widths[i] ?? 0;
        return c.align === "right" ? cell.padStart(w) : cell.padEnd(w);
      })
      .join("  ")
      .trimEnd();
  return `${[line(columns.map((c) => c.header)), ...rows.map(line)].join("\n")}\n`;
}

/** Compact number for a table cell: 999, 1.2k, 300k, 34.5M. */
export function compactNumber(n: number | null): string {
  if (n === null) return "";
  const abs = Math.abs(n);
  for (const [unit, size] of [
    ["G", 1e9],
    ["M", 1e6],
    ["k", 1e3],
  ] as const) {
    if (abs >= size) return `${Number((n / size).toFixed(1))}${unit}`;
  }
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
