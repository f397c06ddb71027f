// The control channel between the host and a lab VM's agent: one JSON object per line on a
// virtio-serial port. Pure: message shapes and the line framer both sides use.

/** Host -> agent. */
export type Request =
  | {
      id: number;
      argv: string[];
      /** Killed (SIGKILL) after this long; the reply says timedOut. */
      timeoutMs: number;
      uid?: number;
      gid?: number;
      input?: string;
      /** Send each output line as it comes ({id, line}), then the exit. */
      stream?: boolean;
    }
  | { id: number; kill: number; signal: "SIGTERM" | "SIGKILL" | "SIGINT" };

/** How a command inside the VM ended, with its output. */
export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  error?: string;
}

/** Agent -> host. */
export type Reply =
  | { hello: { kernel: string; now_ms: number } }
  | { id: number; line: string; fd: "stdout" | "stderr" }
  | ({ id: number } & ExecResult);

/** Output kept per command; the rest is dropped (and said so). */
export const MAX_OUTPUT = 4 * 1024 * 1024;

/** Splits a byte stream into lines; keeps an unfinished last line for the next chunk. */
export class LineFramer {
  private rest = "";
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split("\n");
    this.rest = lines.pop() ?? "";
    return lines.filter((l) => l.trim() !== "");
  }
}

export function encode(msg: Request | Reply): string {
  return `${JSON.stringify(msg)}\n`;
}

/** A parsed line, or undefined for anything that is not a JSON object (console noise). */
export function decode<T extends Request | Reply>(line: string): T | undefined {
  try {
    const v = JSON.parse(line) as unknown;
    return typeof v === "object" && v !== null ? (v as T) : undefined;
  } catch {
    return undefined;
  }
}
