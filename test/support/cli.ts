// Run the real CLI (the compiled bin) as a user would, bounded in time.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

export const CLI = join(REPO_ROOT, "dist", "src", "cli", "main.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
