// Hash routes: the page is one document, and a URL someone pastes into a ticket opens the same
// view (`#/incidents/12`, `#/timeline?from=...&to=...`).

export type Route =
  | { kind: "timeline"; from: number | null; to: number | null; last: number | null }
  | { kind: "incidents" }
  | { kind: "incident"; id: number }
  | { kind: "health" }
  | { kind: "not-found"; hash: string };

export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?", 2);
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter((p) => p !== "");
  const [first, second] = parts;
  if (first === undefined || (first === "timeline" && parts.length === 1)) {
    return {
      kind: "timeline",
      from: numberParam(params, "from"),
      to: numberParam(params, "to"),
      last: numberParam(params, "last"),
    };
  }
  if (first === "incidents" && second === undefined) return { kind: "incidents" };
  if (first === "incidents" && second !== undefined && /^\d+$/.test(second) && parts.length === 2)
    return { kind: "incident", id: Number(second) };
  if (first === "health" && parts.length === 1) return { kind: "health" };
  return { kind: "not-found", hash };
}

function numberParam(params: URLSearchParams, name: string): number | null {
  const v = params.get(name);
  return v !== null && /^\d+$/.test(v) ? Number(v) : null;
}

/** A fixed window, or (following now) only its span: either opens the same view again. */
export function timelineHash(from: number, to: number, follow = false): string {
  if (follow) return `#/timeline?last=${Math.round(to - from)}`;
  return `#/timeline?from=${Math.round(from)}&to=${Math.round(to)}`;
}
