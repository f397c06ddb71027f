// Which command of an `ip -batch` / `bridge -batch` session failed, exactly. The tool writes
// results to stdout and errors to stderr, two pipes that arrive in any order, so each batch
// ends with a marker on EACH stream, and both streams are matched to batches by counting:
// - stderr: `link show dev lgmark<id>`, a device that does not exist, makes the tool print
//   `Device "lgmark<id>" does not exist.` (bridge: `Cannot find device "lgmark<id>"`);
// - stdout: `link show dev lo` prints `N: lo: ...` (ip only; `lo` is reserved for it).
// With `-force` the tool prints `Command failed -:LINE` after every failing line, LINE
// counted from the first line it read, so a failure names its command by absolute line number.
// Pure: the session feeds it chunks and writes what it returns.

interface BatchFailure {
  /** The command as given (the arguments after the tool name). */
  args: string[];
  /** Its line in the session's input, from 1. */
  line: number;
  /** What the tool printed about it on stderr. */
  messages: string[];
}

export interface BatchResult {
  id: number;
  commands: string[][];
  failures: BatchFailure[];
  /** stderr lines that named no failing command (warnings). */
  notes: string[];
  /** stdout of the batch's own commands (ip only). */
  output: string;
}

interface Pending extends BatchResult {
  firstLine: number;
  stderrDone: boolean;
  stdoutDone: boolean;
  /** stderr lines not yet followed by a `Command failed` line. */
  loose: string[];
}

const STDERR_MARK = /"lgmark(\d+)"/;
const STDOUT_MARK = /^\d+: lo: /;
const FAILED = /^Command failed -:(\d+)$/;
/** At most this many stderr lines are kept per batch: an error storm stays bounded. */
const MAX_LINES = 64;

export class BatchLedger {
  private line = 0;
  private nextId = 1;
  private readonly pending: Pending[] = [];
  private readonly markerLines = new Set<number>();
  private outRest = "";
  private errRest = "";
  private skipLoopbackDetail = false;

  /** `stdoutMarker`: false for `bridge`, which has no command that prints a known line. */
  constructor(private readonly stdoutMarker = true) {}

  /** Registers a batch; returns its id and the text to write to the tool's stdin. */
  add(commands: string[][]): { id: number; text: string } {
    const id = this.nextId;
    this.nextId = (this.nextId % 999_999_999) + 1;
    const lines = commands.map((c) => c.join(" "));
    const p: Pending = {
      id,
      commands,
      failures: [],
      notes: [],
      output: "",
      firstLine: this.line + 1,
      stderrDone: false,
      stdoutDone: !this.stdoutMarker,
      loose: [],
    };
    this.line += lines.length;
    lines.push(`link show dev lgmark${id}`);
    this.markerLines.add(++this.line);
    if (this.stdoutMarker) {
      lines.push("link show dev lo");
      this.line++;
    }
    this.pending.push(p);
    return { id, text: `${lines.join("\n")}\n` };
  }

  /** The tool is gone: every unfinished batch, oldest first, with what stderr said so far. */
  abandon(): BatchResult[] {
    const left = this.pending.splice(0);
    return left.map(({ id, commands, failures, notes, output, loose }) => ({
      id,
      commands,
      failures,
      notes: [...notes, ...loose],
      output,
    }));
  }

  stdout(chunk: string): BatchResult[] {
    const lines = (this.outRest + chunk).split("\n");
    this.outRest = lines.pop() ?? "";
    for (const l of lines) {
      if (this.skipLoopbackDetail && /^\s/.test(l)) continue;
      this.skipLoopbackDetail = false;
      const p = this.pending.find((x) => !x.stdoutDone);
      if (!p) continue;
      if (STDOUT_MARK.test(l)) {
        p.stdoutDone = true;
        this.skipLoopbackDetail = true;
      } else if (p.output.length < 64 * 1024) p.output += `${l}\n`;
    }
    return this.finished();
  }

  stderr(chunk: string): BatchResult[] {
    const lines = (this.errRest + chunk).split("\n");
    this.errRest = lines.pop() ?? "";
    for (const l of lines) {
      if (l.trim() === "") continue;
      const failed = FAILED.exec(l);
      if (failed) {
        const n = Number(failed[1]);
        if (this.markerLines.delete(n)) continue;
        this.charge(n);
        continue;
      }
      const p = this.pending.find((x) => !x.stderrDone);
      if (!p) continue;
      const mark = STDERR_MARK.exec(l);
      if (mark) {
        // Everything up to this batch's marker has been printed: earlier ones are done too.
        const id = Number(mark[1]);
        for (const x of this.pending) {
          if (x.stderrDone) continue;
          x.stderrDone = true;
          x.notes.push(...x.loose);
          x.loose = [];
          if (x.id === id) break;
        }
        continue;
      }
      if (p.loose.length < MAX_LINES) p.loose.push(l);
    }
    return this.finished();
  }

  /** `Command failed -:n`: the stderr lines since the last one are about line n. */
  private charge(n: number): void {
    const p = this.pending.find((x) => n >= x.firstLine && n < x.firstLine + x.commands.length);
    const open = this.pending.find((x) => !x.stderrDone);
    const messages = open ? open.loose : [];
    if (open) open.loose = [];
    if (!p) return;
    if (p.failures.length < MAX_LINES)
      p.failures.push({ args: p.commands[n - p.firstLine] ?? [], line: n, messages });
  }

  /** Removes and returns the batches whose markers have shown on both streams. */
  private finished(): BatchResult[] {
    const done: BatchResult[] = [];
    while (this.pending[0]?.stderrDone && this.pending[0].stdoutDone) {
      const { id, commands, failures, notes, output } = this.pending.shift() as Pending;
      done.push({ id, commands, failures, notes, output });
    }
    return done;
  }
}
