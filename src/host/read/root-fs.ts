// The root is a value: "/" for the live host, an unpacked sosreport or a snapshot directory.
// All file reads of the readers go through here, so errors become ParseErrors, never throws.
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from "node:fs";
import { join, sep } from "node:path";
import { looksBinary } from "../../lib/text.js";
import { ParseError } from "../model.js";

export interface RootFs {
  dir: string;
  /** Text of root-relative `rel`, or undefined when it does not exist. Other errors -> problems. */
  read(rel: string): string | undefined;
  /** Names in a root-relative directory (empty when missing). */
  list(rel: string): string[];
  isDir(rel: string): boolean;
  /** Target of a symlink (e.g. sys/class/net/eth0/device/driver), or undefined. */
  link(rel: string): string | undefined;
  exists(rel: string): boolean;
  /** Files the reader used (relative), in order. */
  readonly used: string[];
  /** Symlinks the reader followed: relative path -> target text. */
  readonly links: Record<string, string>;
  readonly problems: ParseError[];
  /**
   * Files that may exist but that this user may not read (EACCES, EPERM): facts not seen, not
   * broken input (a non-root doctor on a host whose /run/linkguard is 0700).
   */
  readonly denied: string[];
}

/** Files bigger than this are not text a network config would be; they are skipped. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/**
 * All the files of one root together: a hostile sosreport of many files just under the
 * per-file bound must not take the memory of the analyst's machine (docs/security.md).
 */
const MAX_TOTAL_BYTES = 128 * 1024 * 1024;

/** What a non-regular file is, for the problem line. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return "a FIFO";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

class Skip extends Error {
  override name = "Skip";
  /** Skipped for the root's total bound, not for this file itself. */
  total = false;
}

/**
 * Reads at most `limit` bytes of a regular file. Opened non-blocking so that a FIFO or a
 * device node never blocks the open, and checked to be a regular file before any read.
 * /proc and /sys files are regular files of size 0 that are read until EOF.
 */
function readBounded(
  path: string,
  limit: number,
  bound: string,
  noFollow: boolean,
  total = false,
): Buffer {
  const skip = (message: string) => Object.assign(new Skip(message), { total });
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0);
  const fd = openSync(path, flags);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Skip(`${kindOf(st)}, not a regular file; skipped`);
    if (st.size > limit) throw skip(`file is ${st.size} bytes, over ${bound}; skipped`);
    const chunks: Buffer[] = [];
    let read = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - read));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      read += n;
      if (read > limit) throw skip(`file is more than ${limit} bytes, over ${bound}; skipped`);
    }
    return Buffer.concat(chunks, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * `confine`: a sosreport or snapshot may hold symlinks to absolute paths; never let those
 * read this machine's own files. The live root ("/") is not confined.
 */
export function openRootFs(
  dir: string,
  options: { confine?: boolean; maxFileBytes?: number; maxTotalBytes?: number } = {},
): RootFs {
  const maxFile = options.maxFileBytes ?? MAX_FILE_BYTES;
  const maxTotal = options.maxTotalBytes ?? MAX_TOTAL_BYTES;
  const used: string[] = [];
  const links: Record<string, string> = {};
  const problems: ParseError[] = [];
  const denied: string[] = [];
  let budget = maxTotal;
  let budgetReported = false;
  const confined = options.confine === true;
  // The native realpath: Node's JS one lstats every component from JavaScript, and a fleet
  // run resolves every path of every host.
  const realRoot = options.confine ? realpathSync.native(dir) : dir;
  const abs = (rel: string) => {
    const p = join(dir, rel);
    if (!options.confine) return p;
    const real = realpathSync.native(p);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      throw Object.assign(new Error(`${rel} points outside the root`), { code: "EOUTSIDE" });
    }
    return real;
  };
  return {
    dir,
    used,
    links,
    problems,
    denied,
    read(rel) {
      try {
        const path = abs(rel);
        if (statSync(path).isDirectory()) return undefined;
        if (budget <= 0) throw Object.assign(new Skip("no bytes left"), { total: true });
        const bytes =
          budget < maxFile
            ? readBounded(path, budget, "the bytes left", confined, true)
            : readBounded(
                path,
                maxFile,
                `the per-file bound (${maxFile}; network config is text)`,
                confined,
              );
        budget -= bytes.length;
        const text = bytes.toString("utf8");
        if (looksBinary(text)) {
          const at = text.split("\n").findIndex((l) => looksBinary(l)) + 1;
          problems.push(
            new ParseError(rel, at, "binary data where text was expected; file skipped"),
          );
          return undefined;
        }
        used.push(rel);
        return text;
      } catch (err) {
        if (err instanceof Skip && err.total) {
          // Said once: which bound stopped the reading, and from which file on.
          if (!budgetReported)
            problems.push(
              new ParseError(
                rel,
                0,
                `stopped reading: this root's files passed ${maxTotal} bytes together (the total bound); this file and the larger ones after it were skipped`,
              ),
            );
          budgetReported = true;
          return undefined;
        }
        if (err instanceof Skip) {
          problems.push(new ParseError(rel, 0, err.message));
          return undefined;
        }
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return undefined;
        if (code === "EACCES" || code === "EPERM") {
          if (!denied.includes(rel)) denied.push(rel);
          return undefined;
        }
        // sysfs attributes that the driver cannot answer (EINVAL, EOPNOTSUPP) are simply unknown.
        if (rel.startsWith("sys/")) return undefined;
        problems.push(
          new ParseError(
            rel,
            0,
            `cannot read: ${code === "EOUTSIDE" ? "symlink points outside the root" : (code ?? (err as Error).message)}`,
            "",
            {
              cause: err,
            },
          ),
        );
        return undefined;
      }
    },
    list(rel) {
      try {
        return readdirSync(abs(rel)).sort();
      } catch {
        return [];
      }
    },
    link(rel) {
      try {
        const target = readlinkSync(join(dir, rel)); // only the link's text: harmless even outside
        links[rel] = target;
        return target;
      } catch {
        return undefined;
      }
    },
    isDir(rel) {
      try {
        return statSync(abs(rel)).isDirectory();
      } catch {
        return false;
      }
    },
    exists(rel) {
      try {
        statSync(abs(rel));
        return true;
      } catch {
        return false;
      }
    },
  };
}
