// Kernel settings: `sysctl -a` output and sysctl.conf / sysctl.d files (sysctl.d(5)).
import { evidence, numberedLines } from "../../lib/text.js";
import { type Parsed, ParseError, type Sysctl } from "../model.js";

/** "net/ipv4/conf/eth0.100/arp_ignore" -> "net.ipv4.conf.eth0.100.arp_ignore". */
export function sysctlKeyFromProcPath(relPath: string): string {
  return relPath
    .replace(/^\/?(proc\/sys\/)?/, "")
    .split("/")
    .join(".");
}

/** A key as written in a file: "/" separators mean dots inside names are literal. */
function normalizeKey(key: string): string {
  return key.includes("/") ? sysctlKeyFromProcPath(key) : key;
}

/** `sysctl -a` output and sysctl.conf / sysctl.d files. */
export function parseSysctl(text: string, file: string): Parsed<Sysctl[]> {
  const value: Sysctl[] = [];
  const problems: ParseError[] = [];
  for (const { n, text: raw } of numberedLines(text)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    // sysctl -a run as a user prints these for keys it may not read
    if (/^sysctl: /.test(line)) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) {
      problems.push(new ParseError(file, n, "expected 'key = value'", raw));
      continue;
    }
    const key = normalizeKey(line.slice(0, eq).trim().replace(/^-/, ""));
    if (!/^[\w.:@/-]+$/.test(key)) {
      problems.push(new ParseError(file, n, `not a sysctl key: "${key}"`, raw));
      continue;
    }
    value.push({ key, value: line.slice(eq + 1).trim(), source: evidence(file, n, raw) });
  }
  return { value, problems };
}
