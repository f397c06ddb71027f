// `linkguard demo`: the default job. For now it runs the doctor over every bundled example
// (each reproduces a real incident) and prints the reports.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { loadConfig, silencesOf } from "../config/config.js";
import { diagnoseRoot } from "../doctor/diagnose-root.js";
import { exitCodeFor } from "../doctor/engine.js";
import { renderReport } from "./doctor.js";
import type { OutputFormat } from "./output-format.js";

export const EXAMPLES_DIR = fileURLToPath(new URL("../../../examples", import.meta.url));

/** The example's path as the user can type it from `cwd`: relative inside it, else absolute. */
export function shownPath(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? dir : rel;
}

export function listExamples(
  dir = EXAMPLES_DIR,
): Array<{ name: string; dir: string; title: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const readme = join(dir, d.name, "README.md");
      const title = existsSync(readme)
        ? (readFileSync(readme, "utf8").split("\n")[0] ?? "").replace(/^#\s*/, "")
        : d.name;
      return { name: d.name, dir: join(dir, d.name), title };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("run the doctor over the bundled example hosts, one per real incident")
    .option("--json", "one JSON report per line instead of text")
    .option("--brief", "one line per finding", false)
    .addHelpText(
      "after",
      `
Each example's header names the doctor command and the exit code it gives; demo itself exits
0 when every example was read (3 when the examples are missing).

Examples:
  linkguard demo                 every example in full: explanation, evidence, fix
  linkguard demo --brief         one line per finding
  linkguard demo --json | jq -c '{root, status}'`,
    )
    .action(async (opts: { json?: boolean; brief: boolean }) => {
      const examples = listExamples();
      if (examples.length === 0) {
        process.stderr.write(`linkguard demo: no examples found in ${EXAMPLES_DIR}\n`);
        process.exitCode = 3;
        return;
      }
      const format: OutputFormat = opts.json ? "json" : "text";
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      const rule = "=".repeat(78);
      // The default config file's silences apply here as in `doctor`.
      const silences = silencesOf(loadConfig(undefined));
      for (const ex of examples) {
        const report = await diagnoseRoot(ex.dir, silences);
        // A command the user can paste from here (an installed package's examples are elsewhere).
        report.root = shownPath(ex.dir, process.cwd());
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ example: ex.name, ...report })}\n`);
          continue;
        }
        process.stdout.write(
          `${rule}\n${ex.title}\n  linkguard doctor --root ${report.root}   (exit ${exitCodeFor(report.status)})\n${rule}\n`,
        );
        process.stdout.write(`${renderReport(report, { format, color, brief: opts.brief })}\n`);
      }
      if (!opts.json)
        process.stdout.write(
          "Next, as root: `linkguard lab run silent-upstream` (the watcher sees a path die before\n" +
            "its link, incident 004) and `linkguard lab run mpath-failover` (an address follows the\n" +
            "healthy NIC); see docs/lab.md.\n",
        );
    });
}
