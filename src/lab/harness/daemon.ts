// A lab daemon from start to stop, whatever runs it (a namespace, a VM's agent): its stdout
// lines become events in an EventLog, its stderr is logged and its tail kept; if it dies on
// its own every pending wait fails at once with its last words; stop() is SIGTERM, then
// SIGKILL after a bound. Time is a Clock and the process a Launched, so tests fake both.
import type { Clock } from "../../lib/clock.js";
import type { EventLog } from "./event-log.js";

export interface Exit {
  code: number | null;
  signal: string | null;
}

export type Fd = "stdout" | "stderr";

/** A started process as the harness sees it. */
interface Launched {
  /** Its PID on the host; undefined inside a VM (there the agent holds it, and signals it). */
  pid: number | undefined;
  /** Settles once, when it has exited (or could not start: code null). */
  exited: Promise<Exit>;
  kill(signal: "SIGTERM" | "SIGKILL"): void;
}

/** Starts the process, handing each of its output lines to `onLine`. */
export type Launch = (onLine: (line: string, fd: Fd) => void) => Launched;

export interface DaemonOptions<E> {
  /** How messages name it: "the watcher", "mpath in server". */
  name: string;
  launch: Launch;
  /** A stdout line as an event, or undefined for anything else (a start banner, say). */
  parse: (line: string) => E | undefined;
  /** Where its events go; a VM scenario's watchers share one. */
  events: EventLog<E>;
  clock: Clock;
  log?: (line: string) => void;
}

interface Stopped extends Exit {
  /** The end of what it wrote to stderr. */
  stderr: string;
  /** It did not stop on SIGTERM within the bound and was killed. */
  killed: boolean;
}

export interface RunningDaemon {
  pid: number | undefined;
  exited: Promise<Exit>;
  /** SIGTERM, SIGKILL after `graceMs`; resolves (never later than 2 × graceMs) with how it ended. */
  stop(graceMs: number): Promise<Stopped>;
}

const STDERR_TAIL = 2000;

/** A JSON object on one line, or undefined (console noise, a half line, a banner). */
export function jsonRecord<T>(line: string): T | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}

export function startDaemon<E>(o: DaemonOptions<E>): RunningDaemon {
  let stderr = "";
  let stopping = false;
  const p = o.launch((line, fd) => {
    if (fd === "stderr") {
      stderr = `${stderr}${line}\n`.slice(-STDERR_TAIL);
      o.log?.(`[${o.name}] ${line}`);
      return;
    }
    const e = o.parse(line);
    if (e !== undefined) o.events.push(e);
  });
  let ended: Exit | undefined;
  const exited = p.exited.then((x) => {
    ended = x;
    if (!stopping)
      o.events.failPending(
        new Error(`${o.name} exited (${x.signal ?? x.code ?? "did not start"}): ${stderr.trim()}`),
      );
    return x;
  });
  /** The exit, or undefined if it has not come within `ms`. */
  const within = (ms: number) =>
    new Promise<Exit | undefined>((resolve) => {
      const cancel = o.clock.after(ms, () => resolve(undefined));
      void exited.then((x) => {
        cancel();
        resolve(x);
      });
    });
  return {
    pid: p.pid,
    exited,
    async stop(graceMs) {
      stopping = true;
      if (ended) return { ...ended, stderr, killed: false };
      p.kill("SIGTERM");
      const soft = await within(graceMs);
      if (soft) return { ...soft, stderr, killed: false };
      p.kill("SIGKILL");
      const hard = await within(graceMs);
      return { ...(hard ?? { code: null, signal: null }), stderr, killed: true };
    },
  };
}
