// Small text helpers shared by the parsers. Pure: no I/O.

import type { Evidence } from "./evidence.js";

/** One input line with its 1-based number, as parsers walk it. */
export interface NumberedLine {
  n: number;
  text: string;
}

/** Split text into numbered lines; accepts \n and \r\n, drops the empty tail after a final newline. */
export function numberedLines(text: string): NumberedLine[] {
  const parts = text.split(/\r?\n/);
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts.map((t, i) => ({ n: i + 1, text: t }));
}

export function evidence(file: string, line: number, text: string): Evidence {
  return { file, line, text: text.length > 400 ? `${text.slice(0, 400)}…` : text };
}

/** True when text looks like binary junk rather than a text file (NUL or many control bytes). */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  let control = 0;
  const sample = text.slice(0, 4096);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** Parse a non-negative decimal integer; undefined for anything else. */
export function toInt(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!/^-?\d+$/.test(t)) return undefined;
  const n = Number.parseInt(t, 10);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Untrusted text made visible for a terminal: control characters (ESC, newline, BEL, DEL,
 * the C1 range) and bidirectional overrides become `\e`, `\n`, `\x07`, `\u202e`…, so a
 * name cannot clear the screen, set the window title, hide text or forge a report line.
 * Tabs stay.
 */
/** C0 controls but tab, DEL, C1 controls, and the bidirectional marks and overrides. */
export function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function escapeControl(s: string): string {
  let out = "";
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (!isControl(code)) out += c;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\u001b") out += "\\e";
    else
      out += code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
  }
  return out;
}
