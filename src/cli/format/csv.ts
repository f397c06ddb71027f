// CSV with RFC 4180 quoting (only fields holding a comma, quote or newline), records ending
// in \n rather than the RFC's CRLF: spreadsheets read both, shell tools want \n.

export type CsvValue = string | number | null | undefined;

function field(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function renderCsv(header: readonly string[], rows: readonly CsvValue[][]): string {
  return [header, ...rows].map((r) => `${r.map(field).join(",")}\n`).join("");
}

/** A number with at most `digits` decimals and no trailing zeros ("1.5", not "1.500"). */
export function csvNumber(n: number | null, digits = 3): string {
  return n === null ? "" : String(Number(n.toFixed(digits)));
}
