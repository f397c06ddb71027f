// Turn what the user gave (--root DIR or a tarball) into a directory to read, or say why not.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The input cannot be used at all: the CLI exits 3 with this message. */
export class RootError extends Error {
  override name = "RootError";
}

export interface OpenedRoot {
  dir: string;
  /** The path the user gave, for reports. */
  given: string;
  tarball: boolean;
  close(): void;
}

/** A sosreport tarball holds one top directory (sosreport-host-date/); step into it. */
function topDir(dir: string): string {
  const entries = readdirSync(dir);
  if (entries.length === 1) {
    const only = join(dir, entries[0] as string);
    if (statSync(only).isDirectory()) return only;
  }
  return dir;
}

export function openRoot(given: string): OpenedRoot {
  const path = resolve(given);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RootError(`${given}: ${code === "ENOENT" ? "no such file or directory" : code}`);
  }
  if (st.isDirectory()) return { dir: path, given, tarball: false, close() {} };
  if (!st.isFile()) throw new RootError(`${given}: not a directory or a tarball`);
  const tmp = mkdtempSync(join(tmpdir(), "linkguard-root-"));
  try {
    // GNU tar detects the compression itself and refuses members with ".." by default.
    execFileSync("tar", ["-xf", path, "-C", tmp, "--no-same-owner", "--no-same-permissions"], {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 120_000,
    });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    const stderr = String((err as { stderr?: Buffer }).stderr ?? "")
      .trim()
      .split("\n")[0];
    throw new RootError(`${given}: not a readable tarball (${stderr || (err as Error).message})`);
  }
  return {
    dir: topDir(tmp),
    given,
    tarball: true,
    close: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
