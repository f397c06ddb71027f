// STUB: to be implemented.
import type { Rule } from "../types.js";

export const rule: Rule = {
  id: "lacp-aggregator-split",
  title: "TODO",
  severity: "warning",
  doc: { what: "TODO", why: "TODO", evidence: "TODO", fix: "TODO", references: [] },
  check: () => [],
};
