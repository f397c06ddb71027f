// `linkguard serve`: flags and help only; the server (hono, the store) loads when it runs.
import { statSync } from "node:fs";
import type { Command } from "commander";
import { notAHost } from "../host/read/host-markers.js";
import { errnoText } from "../lib/errno-text.js";
import type { ServeFlags } from "../web/serve-main.js";

/**
 * What is wrong with --doctor-root, checked at start: a path that is not there is an error (a
 * typo must not serve a page whose health view fails only once someone opens it); a directory
 * that is no host is a warning (the page still serves its store).
 */
export function doctorRootProblem(
  root: string,
): { error: string } | { warning: string } | undefined {
  if (root === "/") return undefined;
  try {
    if (!statSync(root).isDirectory()) return undefined; // a tarball: opened by the doctor
  } catch (err) {
    return { error: `--doctor-root ${root}: ${errnoText(err)}` };
  }
  const why = notAHost(root, root);
  return why === undefined ? undefined : { warning: `--doctor-root ${why}` };
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "the dashboard: timelines, incidents and health in a browser (also started by watch)",
    )
    .option(
      "-c, --config <file>",
      "YAML config (default /etc/linkguard/linkguard.yaml, if present)",
    )
    .option("--listen <host:port>", "listen address (default serve.listen, 127.0.0.1:9470)")
    .option(
      "--store <path>",
      "the watcher's store (default watch.store.path, /var/lib/linkguard/linkguard.db)",
    )
    .option(
      "--captures <dir>",
      "capture files (default watch.capture.dir, /var/lib/linkguard/captures)",
    )
    .option(
      "--doctor-root <root>",
      "what /api/health diagnoses: / (live) or a snapshot/sosreport",
      "/",
    )
    .option(
      "--mpath-status <file>",
      "the mpath daemon's state file (default /run/linkguard/mpath.json)",
    )
    .option("--host <name>", "host name shown on the page (default: this host's name)")
    .addHelpText(
      "after",
      `
The store is opened read-only (the watcher may run at the same time) and re-opened when it
appears or is replaced. The page and its assets are local: nothing is loaded from the network.

Binding to anything but loopback (127.0.0.0/8, ::1, localhost) needs serve.token in the config
file; every /api route then needs "Authorization: Bearer TOKEN" (or the page's login cookie):
  serve:
    listen: 0.0.0.0:9470
    token: "a-long-random-string-from-your-vault"

Examples:
  linkguard serve                                  http://127.0.0.1:9470/ on this host's store
  ssh -L 9470:127.0.0.1:9470 web01                 then open http://127.0.0.1:9470/ locally
  linkguard serve --store ./copy-of-linkguard.db --listen 127.0.0.1:8080
  linkguard serve --doctor-root ./sosreport-web01/ health of a snapshot instead of this host
  curl -H "Authorization: Bearer $TOKEN" http://web01:9470/api/incidents   (see docs/serve.md)`,
    )
    .action(async (flags: ServeFlags) => {
      const problem = doctorRootProblem(flags.doctorRoot ?? "/");
      if (problem !== undefined && "error" in problem) throw new Error(problem.error);
      if (problem !== undefined)
        process.stderr.write(`linkguard serve: ${problem.warning}: the health view will say so\n`);
      await (await import("../web/serve-main.js")).runServe(flags);
    });
}
