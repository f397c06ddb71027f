// The command line's contract with scripts and monitoring: a usage error (unknown verb or
// option, a value that cannot be read) exits 3 like any "could not run", and a Nagios check
// (`doctor --format nagios`) gets its `LINKGUARD UNKNOWN - ...` line for it; output into a
// pipe that closed (`| head -1`) ends quietly.
import { CommanderError } from "commander";

/** Exit status for "could not run" (bad usage, no access, unreadable input). */
const EXIT_COULD_NOT_RUN = 3;

/** Was a Nagios status line asked for (`doctor --format nagios`, `-f nagios`, `--format=nagios`)? */
export function wantsNagios(args: readonly string[]): boolean {
  if (args[0] !== "doctor") return false;
  return args.some(
    (a, i) =>
      a === "--format=nagios" ||
      a === "-fnagios" ||
      ((a === "--format" || a === "-f") && args[i + 1] === "nagios"),
  );
}

/** How a failed run ends: the exit status and what to print where. */
export function failureOutcome(
  err: unknown,
  nagios: boolean,
): { code: number; stdout: string; stderr: string } {
  if (err instanceof CommanderError) {
    // --help and --version end through here too, successfully; commander printed the rest.
    if (err.exitCode === 0) return { code: 0, stdout: "", stderr: "" };
    const why = err.message.replace(/^error: /, "");
    return {
      code: EXIT_COULD_NOT_RUN,
      stdout: nagios ? `LINKGUARD UNKNOWN - ${oneLine(why)}\n` : "",
      stderr: "",
    };
  }
  const why = (err as Error).message;
  return nagios
    ? { code: EXIT_COULD_NOT_RUN, stdout: `LINKGUARD UNKNOWN - ${oneLine(why)}\n`, stderr: "" }
    : { code: EXIT_COULD_NOT_RUN, stdout: "", stderr: `linkguard: ${why}\n` };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * A reader that went away (`| head -1`, `less` quit, a closed socket) is not an error: drop
 * further output and let the run finish with its own exit status, without a stack trace.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
    stream.write = (() => true) as typeof stream.write;
  });
}
