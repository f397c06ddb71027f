// LLDP/CDP neighbours of the host's NICs: the watcher's table when it runs (it keeps the
// aggregation bits; its state file, else its store's `neighbours` table), else lldpd's (`lldpcli show neighbors details`, live when lldpd's socket
// is there, or recorded under sos_commands/lldpd/: the name `linkguard snapshot` and sos's
// proposed lldpd plugin give it; released sos has no lldpd plugin). One source per interface.
import type { ParseError } from "../model.js";
import type { LinkNeighbour } from "../neighbour.js";
import { parseLldpctl } from "../parse/lldpctl.js";
import { parseNeighboursJsonl } from "../parse/neighbours-jsonl.js";
import { COMMANDS, type CommandSource } from "./commands.js";
import type { RootFs } from "./root-fs.js";
import { readStoreNeighbours, WATCH_STORE_FILE } from "./store-neighbours.js";

/** Where `linkguard watch` keeps its newest neighbour per member (root-relative). */
export const WATCH_NEIGHBOURS_FILE = "run/linkguard/neighbours.jsonl";
/** lldpd's control socket: lldpd runs, so asking lldpcli is worth a process. */
const LLDPD_SOCKETS = ["run/lldpd/lldpd.socket", "run/lldpd.socket", "var/run/lldpd.socket"];

/** For each interface the first source that has it wins; the others are dropped for it. */
export function mergeNeighbours(...sources: LinkNeighbour[][]): LinkNeighbour[] {
  const taken = new Set<string>();
  const out: LinkNeighbour[] = [];
  for (const list of sources) {
    const here = new Set(list.map((n) => n.ifname));
    for (const n of list) if (!taken.has(n.ifname)) out.push(n);
    for (const name of here) taken.add(name);
  }
  return out;
}

/**
 * `asOf`: the time the root stands for (now for the live host, a snapshot's creation time);
 * the watcher's entries whose TTL ran out by then are left out. Unknown for a sosreport.
 */
export function readNeighbours(
  fs: RootFs,
  commands: CommandSource,
  problems: ParseError[],
  live: boolean,
  asOf: number | undefined = live ? Date.now() : undefined,
): LinkNeighbour[] {
  let watched: LinkNeighbour[] = [];
  const state = fs.read(WATCH_NEIGHBOURS_FILE);
  if (state !== undefined) {
    const parsed = parseNeighboursJsonl(state, WATCH_NEIGHBOURS_FILE, asOf);
    problems.push(...parsed.problems);
    watched = parsed.value;
  } else {
    // A sosreport or a copied root has the store, not /run: the same table, with evidence
    // naming the store file and the row.
    // Not in `fs.used`: the snapshot writer copies those files as text.
    watched = readStoreNeighbours(fs.dir, WATCH_STORE_FILE, problems, asOf);
  }
  let lldpd: LinkNeighbour[] = [];
  if (!live || LLDPD_SOCKETS.some((s) => fs.exists(s))) {
    const out = commands.run(COMMANDS.lldpcliNeighbors);
    if (out) {
      const parsed = parseLldpctl(out.text, out.file);
      problems.push(...parsed.problems);
      lldpd = parsed.value;
    }
  }
  return mergeNeighbours(watched, lldpd);
}
