// Capture files of incidents: only names some incident recorded, only files present in the
// capture directory. Their analyses (`pcap` summary, LACP, ARP, storms) run on demand, bounded
// in time, and are cached by name, size and mtime.
import { realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type Database from "better-sqlite3";
import { captureListsMentioning } from "../store/live.js";

/** What a capture file name may look like: no path, no leading dot. */
const CAPTURE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$/;

export function isCaptureName(name: string): boolean {
  return CAPTURE_NAME.test(name) && !name.includes("..");
}

/** True when some incident lists a capture with this file name. */
export function captureRecorded(db: Database.Database, name: string): boolean {
  return captureListsMentioning(db, name).some((text) => {
    try {
      return (JSON.parse(text) as string[]).some((p) => basename(p) === name);
    } catch {
      return false;
    }
  });
}

/** The file's path inside `dir`, or null when it is not a regular file there. */
export function captureFile(
  dir: string,
  name: string,
): { path: string; bytes: number; mtimeMs: number } | null {
  if (!isCaptureName(name)) return null;
  try {
    const path = realpathSync(join(dir, name));
    if (dirname(path) !== realpathSync(dir)) return null;
    const st = statSync(path);
    return st.isFile() ? { path, bytes: st.size, mtimeMs: st.mtimeMs } : null;
  } catch {
    return null;
  }
}

type Analysis = { analysis: Record<string, unknown> | null; analysis_error: string | null };

const ANALYSIS_TIMEOUT_MS = 20_000;
const CACHE_MAX = 64;

export class CaptureAnalyses {
  private readonly cache = new Map<string, Promise<Analysis>>();

  get(file: { path: string; bytes: number; mtimeMs: number }): Promise<Analysis> {
    const key = `${file.path}|${file.bytes}|${file.mtimeMs}`;
    let p = this.cache.get(key);
    if (p === undefined) {
      p = analyze(file.path);
      this.cache.set(key, p);
      if (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    }
    return p;
  }
}

async function analyze(path: string): Promise<Analysis> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`analysis took longer than ${ANALYSIS_TIMEOUT_MS / 1000} s`)),
      ANALYSIS_TIMEOUT_MS,
    );
  });
  try {
    // The pcap reader and decoders load only when a capture is looked at.
    const { analyzeForIncident } = await import("../pcap/cli-run.js");
    const { json } = await Promise.race([analyzeForIncident([path]), timeout]);
    const one = json[path] as Record<string, unknown> | undefined;
    if (one === undefined) return { analysis: null, analysis_error: "no analysis" };
    if (typeof one.error === "string") return { analysis: null, analysis_error: one.error };
    return { analysis: one, analysis_error: null };
  } catch (err) {
    return { analysis: null, analysis_error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
