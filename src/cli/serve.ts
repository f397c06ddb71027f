// `linkguard serve`: flags and help only; the server (hono, the store) loads when it runs.
import type { Command } from "commander";
import type { ServeFlags } from "../web/serve-main.js";

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
    .action(async (flags: ServeFlags) => (await import("../web/serve-main.js")).runServe(flags));
}
