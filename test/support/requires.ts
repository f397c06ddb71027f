// Tests that need root or a system tool skip outside CI with a one-line reason; in CI
// (CI=true) a missing tool is a failure, never a silent skip.
import { execFileSync } from "node:child_process";

const inCi = process.env.CI === "true";

function which(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", 'command -v "$1"', "sh", tool], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * `false` when everything is there, else the reason to skip (node:test `skip` option).
 * Throws in CI, so a broken CI image fails loudly instead of skipping.
 */
export function needs(opts: { root?: boolean; tools?: string[] }): false | string {
  const missing: string[] = [];
  if (opts.root && process.getuid?.() !== 0) missing.push("root");
  for (const tool of opts.tools ?? []) if (!which(tool)) missing.push(tool);
  if (missing.length === 0) return false;
  const reason = `needs ${missing.join(", ")}`;
  if (inCi) throw new Error(`${reason} (CI=true: .ci/run must install it)`);
  return reason;
}
