// The doctor's findings, as the CLI prints them: title and severity, why, the evidence with
// file:line and the line's text, and the fix commands ready to copy.
import type { ApiFinding, DoctorSnapshot } from "../api.js";
import { h } from "./dom.js";
import { timeElement } from "./time-format.js";

const RANK = { critical: 0, warning: 1, info: 2 } as const;

function finding(f: ApiFinding): HTMLElement {
  return h(
    "article",
    { class: `finding ${f.severity}`, "data-testid": "finding", "data-rule": f.rule },
    h(
      "h3",
      {},
      h("span", { class: `badge ${f.severity}` }, f.severity),
      ` ${f.title} `,
      h("span", { class: "muted" }, `(${f.rule}, ${f.subject})`),
    ),
    h("p", {}, f.explanation),
    f.evidence.length === 0
      ? null
      : h(
          "ul",
          { class: "evidence", "aria-label": "Evidence" },
          f.evidence.map((e) =>
            h(
              "li",
              {},
              h("code", { class: "where" }, `${e.file}:${e.line}`),
              " ",
              h("code", {}, e.text),
            ),
          ),
        ),
    f.fix.length === 0
      ? null
      : [h("h4", {}, "Fix"), h("pre", { "data-testid": "fix" }, f.fix.join("\n"))],
  );
}

export function renderDoctor(d: DoctorSnapshot | null, error: string | null = null): HTMLElement {
  if (d === null)
    return h(
      "p",
      { class: error === null ? "muted" : "error" },
      error ?? "No doctor report recorded.",
    );
  const sorted = [...d.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return h(
    "div",
    { class: "doctor", "data-testid": "doctor", "data-status": d.status },
    h(
      "p",
      {},
      "Doctor report from ",
      timeElement(d.t_ms),
      ": ",
      h("span", { class: `badge ${d.status === "ok" ? "ok" : d.status}` }, d.status),
      d.unseen.length === 0
        ? null
        : h("span", { class: "muted" }, ` (not seen: ${d.unseen.join(", ")})`),
    ),
    sorted.length === 0 ? h("p", {}, "No findings.") : sorted.map(finding),
  );
}
