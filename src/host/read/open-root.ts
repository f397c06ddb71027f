// Turn what the user gave (--root DIR or a tarball) into a directory to read, or say why not.
// A tarball is listed before it is unpacked, and refused when it passes the unpack bounds.
import { type ExecFileException, execFile, spawn } from "node:child_process";
import { lstatSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { makeRunTemp, removeTree } from "./run-temp.js";
import { boundPassed, parseTarListing, UNPACK_BOUNDS, type UnpackBounds } from "./tar-listing.js";

/** The input cannot be used at all: the CLI exits 3 with this message. */
export class RootError extends Error {
  override name = "RootError";
}

export interface OpenedRoot {
  dir: string;
  /** The path the user gave, for reports. */
  given: string;
  tarball: boolean;
  /**
   * How fix lines name the root: the directory itself, or for a tarball the path inside it
   * ("sosreport-web01-2026-11-20", "." without a top directory), never the temp dir, which
   * is gone by the time the report is read.
   */
  shownAs: string;
  close(): void;
}

export interface OpenRootOptions {
  bounds?: UnpackBounds;
  /** Ends a tar in progress. */
  signal?: AbortSignal;
  /** Where the tarball's temp dir is made (default: the system's temp dir). */
  tmpRoot?: string;
}

/**
 * A sosreport tarball holds one top directory (sosreport-host-date/); step into it. Only a
 * real directory: a lone symlink (to "/" or the analyst's home) is not followed.
 */
function topDir(dir: string): string {
  const entries = readdirSync(dir);
  if (entries.length === 1) {
    const only = join(dir, entries[0] as string);
    if (lstatSync(only).isDirectory()) return only;
  }
  return dir;
}

/** No member name is this long; a listing line that is has no end worth waiting for. */
const LISTING_MAX_LINE = 1024 * 1024;
const TAR_TIMEOUT_MS = 120_000;

const LIST_ARGS = (path: string) => ["-tvf", path, "--numeric-owner", "--quoting-style=escape"];
// GNU tar detects the compression itself and refuses members with ".." by default.
const UNPACK_ARGS = (path: string, into: string) => [
  "-xf",
  path,
  "-C",
  into,
  "--no-same-owner",
  "--no-same-permissions",
];

/** stderr lines tar prints for members it may not create (device nodes when not root). */
function onlyMknodFailures(stderr: string): boolean {
  const lines = stderr
    .trim()
    .split("\n")
    .filter((l) => l !== "" && !/Exiting with failure status due to previous errors/.test(l));
  return lines.length > 0 && lines.every((l) => /Cannot mknod/.test(l));
}

function firstLine(err: Error | null, stderr: string): string {
  const text = stderr.trim().split("\n")[0];
  return text || (err?.message.split("\n")[0] ?? "");
}

/** The directory or the file behind `given`; a tarball gets a fresh temp dir. */
function classify(given: string): { path: string; dir?: string } {
  const path = resolve(given);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RootError(`${given}: ${code === "ENOENT" ? "no such file or directory" : code}`);
  }
  if (st.isDirectory()) return { path, dir: path };
  if (!st.isFile()) throw new RootError(`${given}: not a directory or a tarball`);
  return { path };
}

function opened(given: string, tmp: string): OpenedRoot {
  try {
    const dir = topDir(tmp);
    return {
      dir,
      given,
      tarball: true,
      shownAs: relative(tmp, dir) || ".",
      close: () => removeTree(tmp),
    };
  } catch (err) {
    removeTree(tmp);
    throw err;
  }
}

/** Runs tar to unpack; resolves with its error and stderr (never rejects). */
function unpack(
  args: string[],
  signal: AbortSignal | undefined,
): Promise<{ err: ExecFileException | null; stderr: string }> {
  return new Promise((done) => {
    execFile(
      "tar",
      args,
      {
        encoding: "utf8",
        timeout: TAR_TIMEOUT_MS,
        maxBuffer: 1024 * 1024,
        ...(signal ? { signal } : {}),
      },
      (err, _stdout, stderr) => done({ err, stderr }),
    );
  });
}

/**
 * Lists the tarball, line by line as tar prints them, and ends tar the moment a bound is
 * passed: tar prints a member's line when it reads its header, so a 2 GiB member of zeros
 * is refused before tar decompresses it.
 */
function listWithinBounds(
  given: string,
  path: string,
  bounds: UnpackBounds,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("tar", LIST_ARGS(path), {
      stdio: ["ignore", "pipe", "pipe"],
      ...(signal ? { signal } : {}),
    });
    const totals = { entries: 0, bytes: 0, special: 0 };
    let partial = "";
    let stderr = "";
    let verdict: RootError | undefined;
    const stop = (err: RootError) => {
      verdict ??= err;
      child.kill("SIGTERM");
    };
    const timer = setTimeout(
      () => stop(new RootError(`${given}: listing it took more than ${TAR_TIMEOUT_MS / 1000} s`)),
      TAR_TIMEOUT_MS,
    );
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (verdict) return;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      if (partial.length > LISTING_MAX_LINE) {
        stop(new RootError(`${given}: a member name longer than ${LISTING_MAX_LINE} bytes`));
        return;
      }
      const add = parseTarListing(lines.join("\n"));
      totals.entries += add.entries;
      totals.bytes += add.bytes;
      totals.special += add.special;
      const passed = boundPassed(totals, bounds);
      if (passed !== undefined)
        stop(
          new RootError(
            `${given}: ${passed}; unpack what you need yourself and give the directory`,
          ),
        );
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      stderr = (stderr + d).slice(0, 4096);
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(verdict ?? new RootError(`${given}: cannot run tar (${err.message})`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (verdict) reject(verdict);
      else if (code !== 0)
        reject(
          new RootError(
            `${given}: not a readable tarball (${firstLine(null, stderr) || `tar exited ${code}`})`,
          ),
        );
      else resolve();
    });
  });
}

/**
 * The directory to read for `given`: itself, or a tarball listed against the bounds and then
 * unpacked into a fresh temp dir (under `tmpRoot`). tar runs without blocking the thread, so
 * a signal handler can end it (through `signal`) and remove the temp dir at once.
 */
export async function openRoot(given: string, options: OpenRootOptions = {}): Promise<OpenedRoot> {
  const { path, dir } = classify(given);
  if (dir !== undefined) return { dir, given, tarball: false, shownAs: dir, close() {} };
  const bounds = options.bounds ?? UNPACK_BOUNDS;
  await listWithinBounds(given, path, bounds, options.signal);
  const tmp = makeRunTemp("root", options.tmpRoot);
  const result = await unpack(UNPACK_ARGS(path, tmp), options.signal);
  if (result.err && !onlyMknodFailures(result.stderr)) {
    removeTree(tmp);
    throw new RootError(
      `${given}: not a readable tarball (${firstLine(result.err, result.stderr)})`,
    );
  }
  return opened(given, tmp);
}
