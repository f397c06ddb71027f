// The root is a value: "/" for the live host, an unpacked sosreport or a snapshot directory.
// All file reads of the readers go through here, so errors become ParseErrors, never throws.
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
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
}

/** Files bigger than this are not text a network config would be; read the head only. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * `confine`: a sosreport or snapshot may hold symlinks to absolute paths; never let those
 * read this machine's own files. The live root ("/") is not confined.
 */
export function openRootFs(dir: string, options: { confine?: boolean } = {}): RootFs {
  const used: string[] = [];
  const links: Record<string, string> = {};
  const problems: ParseError[] = [];
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
    read(rel) {
      try {
        const path = abs(rel);
        const st = statSync(path);
        if (st.isDirectory()) return undefined;
        let text: string;
        if (st.size > MAX_FILE_BYTES) {
          problems.push(
            new ParseError(rel, 0, `file is ${st.size} bytes; only text files are read`),
          );
          return undefined;
        }
        text = readFileSync(path, "utf8");
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
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return undefined;
        // sysfs attributes that the driver cannot answer (EINVAL, EOPNOTSUPP) are simply unknown.
        if (rel.startsWith("sys/") && code !== "EACCES") return undefined;
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
