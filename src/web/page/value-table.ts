// Renders an unknown JSON value (a pcap analysis section, mpath status) as nested tables and
// lists a person can read: numbers in a two-column table, arrays of rows as a table with
// headings, strings as a list. Never a raw JSON dump.
import { type Child, h } from "./dom.js";

const label = (key: string) =>
  key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, (_m, a: string, b: string) => `${a} ${b.toLowerCase()}`);

function scalar(v: unknown): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "number") return Number.isInteger(v) ? v.toLocaleString() : v.toFixed(3);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

const isScalar = (v: unknown) => v === null || typeof v !== "object";
const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function rowsTable(rows: Record<string, unknown>[], max: number): HTMLElement {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const shown = rows.slice(0, max);
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          cols.map((c) => h("th", { scope: "col" }, label(c))),
        ),
      ),
      h(
        "tbody",
        {},
        shown.map((r) =>
          h(
            "tr",
            {},
            cols.map((c) => h("td", {}, isScalar(r[c]) ? scalar(r[c]) : renderValue(r[c], max))),
          ),
        ),
      ),
    ),
    rows.length > max ? h("p", { class: "muted" }, `… and ${rows.length - max} more`) : null,
  );
}

export function renderValue(value: unknown, max = 20): Child {
  if (isScalar(value)) return scalar(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return h("span", { class: "muted" }, "none");
    if (value.every(isRecord)) return rowsTable(value as Record<string, unknown>[], max);
    return h(
      "ul",
      {},
      value.slice(0, max).map((v) => h("li", {}, renderValue(v, max))),
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return h("span", { class: "muted" }, "none");
  return h(
    "table",
    { class: "kv" },
    h(
      "tbody",
      {},
      entries.map(([k, v]) =>
        h("tr", {}, h("th", { scope: "row" }, label(k)), h("td", {}, renderValue(v, max))),
      ),
    ),
  );
}
