// Routing daemons in a process list (`ps -e -o comm=`, or sos's `ps auxwww`): FRR,
// Quagga and BIRD. A host that forwards and runs one is a router. Pure.

import type { Evidence } from "../../lib/evidence.js";
import { evidence, numberedLines } from "../../lib/text.js";

/** Daemon executable -> the suite it belongs to. */
const DAEMONS: Record<string, string> = {
  zebra: "FRR/Quagga",
  bgpd: "FRR/Quagga",
  ospfd: "FRR/Quagga",
  ospf6d: "FRR/Quagga",
  isisd: "FRR/Quagga",
  ripd: "FRR/Quagga",
  watchfrr: "FRR",
  bird: "BIRD",
  bird6: "BIRD",
};

/** The suite a process name belongs to ("/usr/lib/frr/zebra" -> "FRR/Quagga"), if any. */
function routingSuite(command: string): string | undefined {
  const exe = command.trim().split(/\s+/)[0]?.split("/").pop() ?? "";
  return DAEMONS[exe];
}

/**
 * Routing daemons in `ps auxwww` output (the command starts at the 11th column) or in
 * `ps -e -o comm=` output (one process name a line).
 */
export function parsePsRouting(
  text: string,
  file: string,
): Array<{ suite: string; source: Evidence }> {
  const out: Array<{ suite: string; source: Evidence }> = [];
  for (const { n, text: line } of numberedLines(text)) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] === "USER") continue;
    const command = cols.length >= 11 ? cols.slice(10).join(" ") : cols.length === 1 ? cols[0] : "";
    const suite = routingSuite(command ?? "");
    if (suite) out.push({ suite, source: evidence(file, n, line.trim()) });
  }
  return out;
}
