// Text of `ip route` / `ip route show table all` (sosreport).
import { evidence, numberedLines, toInt } from "../../lib/text.js";
import { type Parsed, ParseError, type Route } from "../model.js";

const TYPES = new Set([
  "unicast",
  "local",
  "broadcast",
  "multicast",
  "anycast",
  "unreachable",
  "blackhole",
  "prohibit",
  "throw",
  "nat",
]);

/** Text of `ip route` / `ip route show table all` (sosreport). */
export function parseIpRouteText(text: string, file: string): Parsed<Route[]> {
  const value: Route[] = [];
  const problems: ParseError[] = [];
  for (const { n, text: raw } of numberedLines(text)) {
    const line = raw.trim();
    if (line === "") continue;
    // multipath routes continue on indented "nexthop via ..." lines
    if (/^nexthop\b/.test(line)) continue;
    const words = line.split(/\s+/);
    if (TYPES.has(words[0] as string)) words.shift();
    const dst = words.shift();
    if (!dst || !/^(default|[0-9a-f.:]+(\/\d+)?)$/i.test(dst)) {
      problems.push(new ParseError(file, n, "not a route line", raw));
      continue;
    }
    const route: Route = { destination: dst, source: evidence(file, n, raw) };
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const next = words[i + 1];
      if (next === undefined) break;
      if (w === "via") route.gateway = next;
      else if (w === "dev") route.dev = next;
      else if (w === "table") route.table = next;
      else if (w === "metric") {
        const m = toInt(next);
        if (m !== undefined) route.metric = m;
      } else continue;
      i++;
    }
    value.push(route);
  }
  return { value, problems };
}
