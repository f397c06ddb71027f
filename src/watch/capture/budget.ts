// The rules that keep triggered captures from filling a disk: a total budget (oldest files go
// first), a floor of free space below which nothing is written, and a rate limit per hour.
// Pure: the caller lists the files and the free space.

export interface CaptureLimits {
  budgetBytes: number;
  minFreeBytes: number;
  maxPerHour: number;
}

export interface CaptureFile {
  path: string;
  bytes: number;
  mtime_ms: number;
}

export type CaptureDecision =
  | { write: true; deleteFirst: string[] }
  | { write: false; reason: string; deleteFirst: string[] };

/**
 * May a capture of about `expectedBytes` be written now? Oldest files are deleted to make room
 * in the budget; free space below the floor, or too many captures in the last hour, refuse.
 */
export function decideCapture(
  files: CaptureFile[],
  freeBytes: number,
  startedInLastHour: number,
  expectedBytes: number,
  limits: CaptureLimits,
): CaptureDecision {
  if (startedInLastHour >= limits.maxPerHour) {
    return {
      write: false,
      reason: `rate limit: ${startedInLastHour} captures in the last hour (max ${limits.maxPerHour})`,
      deleteFirst: [],
    };
  }
  const byAge = [...files].sort((a, b) => a.mtime_ms - b.mtime_ms);
  let used = byAge.reduce((s, f) => s + f.bytes, 0);
  const deleteFirst: string[] = [];
  while (used + expectedBytes > limits.budgetBytes && byAge.length > 0) {
    const oldest = byAge.shift() as CaptureFile;
    deleteFirst.push(oldest.path);
    used -= oldest.bytes;
  }
  const freed = files.filter((f) => deleteFirst.includes(f.path)).reduce((s, f) => s + f.bytes, 0);
  if (freeBytes + freed - expectedBytes < limits.minFreeBytes) {
    return {
      write: false,
      reason: `only ${Math.round((freeBytes + freed) / 1048576)} MiB free, the floor is ${Math.round(limits.minFreeBytes / 1048576)} MiB`,
      deleteFirst,
    };
  }
  if (expectedBytes > limits.budgetBytes) {
    return {
      write: false,
      reason: `a capture of ${Math.round(expectedBytes / 1048576)} MiB exceeds the whole budget`,
      deleteFirst: [],
    };
  }
  return { write: true, deleteFirst };
}
