// Run `linkguard pcap ...` as a user would: through the real bin once main.ts registers the
// command, else through the same registerPcap in a fresh node (until then).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, type CliResult } from "./support/cli.js";
import { REPO_ROOT } from "./support/paths.js";

const PCAP_CLI = join(REPO_ROOT, "dist", "src", "cli", "pcap.js");

function mainRegistersPcap(): boolean {
  try {
    return readFileSync(CLI, "utf8").includes("registerPcap");
  } catch {
    return false;
  }
}

const RUNNER = `import { Command } from "commander";
import { registerPcap } from ${JSON.stringify(PCAP_CLI)};
const program = new Command().name("linkguard");
registerPcap(program);
program.parseAsync(["node", "linkguard", ...JSON.parse(process.env.LINKGUARD_TEST_ARGS)]).catch((e) => { process.stderr.write("linkguard: " + e.message + "\\n"); process.exitCode = 3; });`;

export function runPcap(args: string[], input?: Uint8Array): CliResult {
  const argv = mainRegistersPcap() ? [CLI, "pcap", ...args] : ["--input-type=module", "-e", RUNNER];
  const r = spawnSync(process.execPath, argv, {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: "1", LINKGUARD_TEST_ARGS: JSON.stringify(["pcap", ...args]) },
    ...(input === undefined ? {} : { input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
