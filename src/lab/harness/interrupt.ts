// A lab run interrupted (Ctrl-C, a SIGTERM from a CI timeout) still removes its lab: the
// handler stops what runs and tears down, then exits 130. Normal ends tear down in their own
// `finally`; the returned function unhooks the handler there.

/** The part of `process` this needs, so tests pass their own. */
export interface SignalSource {
  once(signal: "SIGINT" | "SIGTERM", handler: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", handler: () => void): unknown;
}

export function onInterrupt(
  teardown: () => Promise<unknown>,
  proc: SignalSource = process,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const handler = () => {
    unhook();
    void teardown()
      .catch(() => undefined)
      .finally(() => exit(130));
  };
  const unhook = () => {
    proc.off("SIGINT", handler);
    proc.off("SIGTERM", handler);
  };
  proc.once("SIGINT", handler);
  proc.once("SIGTERM", handler);
  return unhook;
}
