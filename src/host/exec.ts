// Running system commands: always execFile with an argument array (interface names may hold
// `;` or `$`), always with a time limit, and failures that say which command and why.
import { execFile } from "node:child_process";

export class CommandError extends Error {
  override name = "CommandError";
  constructor(
    readonly argv: readonly string[],
    readonly code: number | string | null,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    const why = stderr.trim().split("\n")[0] || `exit code ${String(code)}`;
    super(`${argv.join(" ")}: ${why}`, options);
  }
}

export interface RunOptions {
  timeoutMs?: number;
  input?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  cwd?: string;
}

/** Runs argv[0] with the rest as arguments; resolves with stdout, rejects with CommandError. */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<string> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new Error("run: empty command"));
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        timeout: options.timeoutMs ?? 10_000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: "utf8",
        ...(options.env && { env: { ...process.env, ...options.env } }),
        ...(options.cwd && { cwd: options.cwd }),
      },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException & { code?: number | string }).code ?? null;
          const why = err.killed ? `timed out after ${options.timeoutMs ?? 10_000} ms` : stderr;
          reject(new CommandError(argv, code, why, { cause: err }));
        } else resolve(stdout);
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
