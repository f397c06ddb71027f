// Where a lab daemon runs: a process in a lab namespace (`ip netns exec`, its PID on the
// host), or a command in a lab VM through its agent (the agent holds the PID and signals it).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { VmControl } from "../vm/control.js";
import { inNamespace } from "./argv.js";
import type { Exit, Launch } from "./daemon.js";

export function inLabNamespace(ns: string, argv: readonly string[]): Launch {
  const { file, args } = inNamespace(ns, argv);
  return (onLine) => {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"] });
    // readline, not the watcher's capped reader: the client's report is one line of every gap.
    for (const fd of ["stdout", "stderr"] as const)
      createInterface({ input: child[fd] }).on("line", (l) => onLine(l, fd));
    const exited = new Promise<Exit>((resolve) => {
      // Its last lines may still be in the pipe at exit: the exit counts once its output is
      // read ("close"), or 1 s later if something it left behind holds the pipe open.
      child.once("exit", (code, signal) => {
        const done = () => resolve({ code, signal });
        child.once("close", done);
        setTimeout(done, 1000).unref();
      });
      child.once("error", (err) => {
        onLine(`${file}: ${err.message}`, "stderr");
        resolve({ code: null, signal: null });
      });
    });
    return {
      pid: child.pid,
      exited,
      kill(signal) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
    };
  };
}

/** `timeoutMs`: the agent's own bound on the command (it kills it then). */
export function inVm(ctl: VmControl, argv: string[], timeoutMs: number): Launch {
  return (onLine) => {
    const s = ctl.stream(argv, onLine, { timeoutMs });
    return {
      pid: undefined,
      exited: s.done.then(
        (r) => ({ code: r.code, signal: r.signal }),
        () => ({ code: null, signal: null }),
      ),
      kill: (signal) => s.kill(signal),
    };
  };
}
