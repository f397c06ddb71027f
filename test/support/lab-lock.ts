// Lab tests run one at a time across test files (node --test runs files in parallel): each
// builds namespaces and some assert that none are left. A directory is the lock; a lock whose
// owner died is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LOCK = join(tmpdir(), "linkguard-lab-tests.lock");

function ownerAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, "pid"), "utf8"));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function acquireLabLock(timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      return;
    } catch {
      // Held: by a live test process, wait; by a dead one (or mid-creation), check again soon.
      if (!ownerAlive()) {
        await new Promise((r) => setTimeout(r, 200));
        if (!ownerAlive()) rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
    }
    if (Date.now() > end) throw new Error(`lab lock ${LOCK} still held after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function releaseLabLock(): void {
  rmSync(LOCK, { recursive: true, force: true });
}

/** Runs `fn` holding the lab lock, releasing it however `fn` ends. */
export async function withLabLock<T>(fn: () => Promise<T>): Promise<T> {
  await acquireLabLock();
  try {
    return await fn();
  } finally {
    releaseLabLock();
  }
}
