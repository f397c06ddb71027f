// Names from a sosreport are untrusted: an interface called `$(reboot)` is a valid Linux
// name. Every such name in a printed fix is quoted for the shell, so pasting a fix never
// runs a name. Pure: no I/O.

/** Characters that never need quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function needsQuoting(s: string): boolean {
  return !SAFE_WORD.test(s);
}

/** POSIX single-quote quoting, only when needed: `eth0` stays, `a b` becomes `'a b'`. */
export function shellQuote(s: string): string {
  if (!needsQuoting(s)) return s;
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * `line` with every occurrence of one of `names` (strings that need quoting) quoted for
 * the context it stands in: bare, inside '…' (close, quote, reopen) or inside "…". The
 * word keeps its meaning (`ifcfg-'a;b'` is the file ifcfg-a;b) and the name cannot run.
 */
export function quoteNamesInLine(line: string, names: readonly string[]): string {
  if (names.length === 0) return line;
  const longestFirst = [...names].sort((a, b) => b.length - a.length);
  let out = "";
  let quote: "'" | '"' | undefined;
  let comment = false;
  for (let i = 0; i < line.length; ) {
    const name = longestFirst.find((n) => line.startsWith(n, i));
    if (name !== undefined) {
      const q = shellQuote(name);
      out += comment || quote === undefined ? q : `${quote}${q}${quote}`;
      i += name.length;
      continue;
    }
    const c = line[i] as string;
    if (!comment) {
      if (quote === undefined) {
        if (c === "'" || c === '"') quote = c;
        else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] as string))) comment = true;
        else if (c === "\\" && i + 1 < line.length) {
          out += c + line[i + 1];
          i += 2;
          continue;
        }
      } else if (c === quote) quote = undefined;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * Why the Linux kernel would refuse `name` as an interface name (dev_valid_name() in
 * net/core/dev.c: not empty, shorter than IFNAMSIZ 16, not "." or "..", no "/", ":" or
 * whitespace), or undefined when it would accept it.
 */
export function kernelRefuses(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (new TextEncoder().encode(name).length >= 16)
    return "it is 16 bytes or longer (IFNAMSIZ is 16 with the NUL)";
  if (name === "." || name === "..") return `it is "${name}"`;
  if (name.includes("/")) return 'it holds "/"';
  if (name.includes(":")) return 'it holds ":"';
  if (/[ \t\n\v\f\r]/.test(name)) return "it holds whitespace";
  return undefined;
}
