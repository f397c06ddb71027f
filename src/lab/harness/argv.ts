// A lab daemon's command line, built from typed options: the same `watch` (or `mpath run`)
// whether it runs in a namespace or in a VM. Pure.
import { runIdOf } from "../names.js";

/** This build's node and CLI: in a VM they are the host's, seen over 9p at the same paths. */
export interface NodeCli {
  node: string;
  main: string;
}

export interface WatchSpec extends NodeCli {
  /** The config file the watcher reads ("/dev/null": defaults and flags only). */
  config: string;
  /** The watcher's store, read back for the incidents once it has stopped. */
  db: string;
  /** The name the watcher gives its host in events and incidents. */
  host: string;
  /** The neighbour table's file; none: the watcher's default. */
  lldp?: string;
  /** The scenario's own flags (interfaces, intervals, targets), after the harness's. */
  args: readonly string[];
}

/**
 * `linkguard watch` with its events as JSON lines on stdout, no metrics port and no dashboard:
 * the harness reads the events, the store and nothing else.
 */
export function watchArgv(s: WatchSpec): string[] {
  return [
    s.node,
    s.main,
    "watch",
    "--config",
    s.config,
    "--jsonl",
    "-",
    "--db",
    s.db,
    "--metrics",
    "off",
    "--serve",
    "off",
    ...(s.lldp === undefined ? [] : ["--lldp", s.lldp]),
    "--host",
    s.host,
    ...s.args,
  ];
}

/** `linkguard mpath run`: its records come as JSON lines on stdout. */
export function mpathArgv(s: NodeCli & { config: string }): string[] {
  return [s.node, s.main, "mpath", "run", "--config", s.config];
}

/** argv run inside a lab namespace: `ip netns exec NS ...`, as the file and its arguments. */
export function inNamespace(ns: string, argv: readonly string[]): { file: string; args: string[] } {
  // Only a lab's own namespace (lg-<id>-<node>): the harness never runs in the host's others.
  if (runIdOf(ns) === undefined) throw new Error(`not a lab namespace: "${ns}"`);
  if (argv.length === 0) throw new Error(`nothing to run in ${ns}`);
  return { file: "ip", args: ["netns", "exec", ns, ...argv] };
}
