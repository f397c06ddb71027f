// A file error as a user reads it: "no such file or directory", not Node's
// "ENOENT: no such file or directory, stat 'x.pcap'" (which repeats the path and the syscall).
const TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
};

export function errnoText(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && TEXT[code] !== undefined) return TEXT[code];
  return err instanceof Error ? err.message : String(err);
}
