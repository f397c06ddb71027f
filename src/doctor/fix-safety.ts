// Every fix line is made safe to paste before any renderer sees it: names taken from the
// input are quoted for the shell (eth0 stays eth0, `$(reboot)` becomes '$(reboot)'). A name
// that could break the quoting of the fix's own text (one holding a quote, a backslash, a
// `#`, a control character, or no letter or digit at all) withholds the fix instead.
import type { HostSnapshot } from "../host/model.js";
import { needsQuoting, quoteNamesInLine } from "../lib/shell-quote.js";
import { escapeControl, isControl } from "../lib/text.js";
import type { Finding } from "./types.js";

/** Prose and raw input lines: never interpolated into a fix as a name. */
const NOT_NAMES = new Set(["text", "explanation", "title"]);

/** Every string of the snapshot that a rule might put into a fix and that needs quoting. */
export function namesNeedingQuotes(snapshot: HostSnapshot): string[] {
  const out = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 12) return;
    if (typeof v === "string") {
      if (v.length <= 256 && v.trim() !== "" && needsQuoting(v)) out.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (NOT_NAMES.has(k)) continue;
        visit(k, depth + 1); // keys too: interfaces and sysctls are keyed by name
        visit(x, depth + 1);
      }
    }
  };
  const { problems, ...facts } = snapshot;
  visit(facts, 0);
  for (const p of problems) visit(p.file, 0); // named in input-unparseable's fix
  return [...out];
}

/** A name whose characters are shell syntax on their own: it cannot be quoted in place. */
function breaksQuoting(name: string): boolean {
  if (!/[A-Za-z0-9]/.test(name)) return true;
  for (const c of name) if (`'"\\#`.includes(c) || isControl(c.charCodeAt(0))) return true;
  return false;
}

export function safeFix(finding: Finding, names: readonly string[]): Finding {
  if (finding.fix.length === 0 || names.length === 0) return finding;
  const present = names.filter((n) => finding.fix.some((line) => line.includes(n)));
  if (present.length === 0) return finding;
  const breaking = present.find(breaksQuoting);
  if (breaking !== undefined)
    return {
      ...finding,
      fix: [
        `# fix withheld: the input names ${JSON.stringify(escapeControl(breaking))}, which no command can quote safely in place; check the name first`,
      ],
    };
  return { ...finding, fix: finding.fix.map((line) => quoteNamesInLine(line, present)) };
}
