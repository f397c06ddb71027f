// ifcfg files are shell assignments: NAME=value, NAME='…', NAME="…" (which may span lines),
// optionally after `export`. The value of a secret-holding name is replaced whole, quotes
// and all, wherever it ends. `keys-<if>` files hold nothing but keys: every value goes. Pure.
import { isSecretKey, REDACTED, type Redacted } from "./redact-lines.js";

/** End (exclusive) of the shell word value starting at `i`. */
function valueEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (c === "'") {
      const close = text.indexOf("'", j + 1);
      j = close < 0 ? text.length : close + 1;
    } else if (c === '"') {
      j++;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      j = Math.min(text.length, j + 1);
    } else if (c === "\\") j += 2;
    else if (c === " " || c === "\t" || c === "\n" || c === ";") break;
    else j++;
  }
  return Math.min(j, text.length);
}

export function redactShell(text: string, options: { everything?: boolean } = {}): Redacted {
  const assignment = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_]*)=/gm;
  let out = "";
  let last = 0;
  let count = 0;
  for (let m = assignment.exec(text); m !== null; m = assignment.exec(text)) {
    if (m.index < last) continue; // inside a value that spans lines
    const start = m.index + m[0].length;
    const end = valueEnd(text, start);
    const name = m[2] as string;
    if ((options.everything || isSecretKey(name)) && end > start) {
      out += `${text.slice(last, start)}'${REDACTED}'`;
      count++;
    } else out += text.slice(last, end);
    last = end;
    assignment.lastIndex = Math.max(assignment.lastIndex, end);
  }
  return { text: out + text.slice(last), count };
}
