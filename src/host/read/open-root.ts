// Turn what the user gave (--root DIR or a tarball) into a directory to read, or say why not.
// A tarball is listed before it is unpacked, and refused when it passes the unpack bounds.
import { type ExecFileException, execFile, execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
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
  /** Ends a tar in progress (the async form only). */
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

/** The listing of a member list this long has more members than any bound allows. */
const LISTING_MAX_BUFFER = 64 * 1024 * 1024;
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

function firstLine(err: unknown, stderr?: string): string {
  const text = String(stderr ?? (err as { stderr?: Buffer | string }).stderr ?? "")
    .trim()
    .split("\n")[0];
  return text || ((err as Error).message.split("\n")[0] ?? "");
}

function checkListing(
  given: string,
  err: unknown,
  stdout: string,
  stderr: string | undefined,
  bounds: UnpackBounds,
): void {
  const code = (err as ExecFileException | null)?.code;
  if (code === "ENOBUFS" || code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
    throw new RootError(
      `${given}: its member list passes ${LISTING_MAX_BUFFER} bytes, more than doctor unpacks (the entry bound); unpack it yourself and give the directory`,
    );
  if (err) throw new RootError(`${given}: not a readable tarball (${firstLine(err, stderr)})`);
  const passed = boundPassed(parseTarListing(stdout), bounds);
  if (passed !== undefined)
    throw new RootError(
      `${given}: ${passed}; unpack what you need yourself and give the directory`,
    );
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

/**
 * rm -r that survives any depth. Node 20's fs.rm recurses in JavaScript and a 2,000-level
 * tree overflows its stack ("Maximum call stack size exceeded"); coreutils' rm walks with
 * fts, without recursion and without paths longer than PATH_MAX.
 */
export function removeTree(dir: string): void {
  try {
    execFileSync("rm", ["-rf", "--", dir], { stdio: "ignore", timeout: 120_000 });
  } catch {
    // rm missing or failed: Node's own, which handles every ordinary tree.
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export function openRoot(given: string, options: OpenRootOptions = {}): OpenedRoot {
  const { path, dir } = classify(given);
  if (dir !== undefined) return { dir, given, tarball: false, shownAs: dir, close() {} };
  const bounds = options.bounds ?? UNPACK_BOUNDS;
  let listing = "";
  let listError: unknown = null;
  try {
    listing = execFileSync("tar", LIST_ARGS(path), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: LISTING_MAX_BUFFER,
      timeout: TAR_TIMEOUT_MS,
    });
  } catch (err) {
    listError = err;
  }
  checkListing(given, listError, listing, undefined, bounds);
  const tmp = mkdtempSync(join(options.tmpRoot ?? tmpdir(), "linkguard-root-"));
  try {
    execFileSync("tar", UNPACK_ARGS(path, tmp), {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: TAR_TIMEOUT_MS,
    });
  } catch (err) {
    if (!onlyMknodFailures(String((err as { stderr?: Buffer }).stderr ?? ""))) {
      removeTree(tmp);
      throw new RootError(`${given}: not a readable tarball (${firstLine(err)})`);
    }
  }
  return opened(given, tmp);
}

function run(
  args: string[],
  options: { maxBuffer: number; signal?: AbortSignal },
): Promise<{ err: ExecFileException | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      "tar",
      args,
      { encoding: "utf8", timeout: TAR_TIMEOUT_MS, ...options },
      (err, stdout, stderr) => done({ err, stdout, stderr }),
    );
  });
}

/**
 * openRoot for the main thread: tar runs without blocking it, so a signal handler can end
 * tar (through `signal`) and remove the temp dir at once.
 */
export async function openRootAsync(
  given: string,
  options: OpenRootOptions = {},
): Promise<OpenedRoot & { tmp?: string }> {
  const { path, dir } = classify(given);
  if (dir !== undefined) return { dir, given, tarball: false, shownAs: dir, close() {} };
  const bounds = options.bounds ?? UNPACK_BOUNDS;
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const list = await run(LIST_ARGS(path), { maxBuffer: LISTING_MAX_BUFFER, ...signal });
  checkListing(given, list.err, list.stdout, list.stderr, bounds);
  const tmp = mkdtempSync(join(options.tmpRoot ?? tmpdir(), "linkguard-root-"));
  const unpack = await run(UNPACK_ARGS(path, tmp), { maxBuffer: 1024 * 1024, ...signal });
  if (unpack.err && !onlyMknodFailures(unpack.stderr)) {
    removeTree(tmp);
    throw new RootError(
      `${given}: not a readable tarball (${firstLine(unpack.err, unpack.stderr)})`,
    );
  }
  return { ...opened(given, tmp), tmp };
}
