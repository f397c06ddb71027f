// The watcher's store as the server sees it: opened read-only on first use, re-opened when the
// file is replaced (a new inode: watcher restarted on a fresh file, or restored), closed when
// it disappears. A missing store is not an error: the page still shows health.
import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import { openStoreReadOnly } from "../store/open-read-only.js";

/** Look at the file at most this often: every request and stream poll asks. */
const CHECK_EVERY_MS = 1000;

export class StoreHandle {
  private db: Database.Database | null = null;
  private ino: number | null = null;
  private checkedAt = 0;
  /** Set by of(): the database is the caller's, served as it is. */
  private given = false;
  /** Why the store could not be opened, for /api/info and the log; null when fine or absent. */
  problem: string | null = null;
  /** Bumped on every (re)open, so pollers know their positions may be stale. */
  generation = 0;

  constructor(readonly path: string | null) {}

  /**
   * A store already open, served as it is: never re-opened, and closed by its owner (tests
   * serve an in-memory store this way). `path` is what /api/info names.
   */
  static of(db: Database.Database, path = db.name): StoreHandle {
    const handle = new StoreHandle(path);
    handle.db = db;
    handle.given = true;
    return handle;
  }

  get(now = Date.now()): Database.Database | null {
    if (this.given) return this.db;
    if (this.path === null) return null;
    if (now - this.checkedAt < CHECK_EVERY_MS) return this.db;
    this.checkedAt = now;
    let ino: number | null = null;
    try {
      ino = statSync(this.path).ino;
    } catch {
      ino = null;
    }
    if (ino === this.ino && this.db !== null) return this.db;
    this.close();
    if (ino === null) return null;
    try {
      this.db = openStoreReadOnly(this.path);
      this.ino = ino;
      this.problem = null;
      this.generation++;
    } catch (err) {
      this.problem = (err as Error).message;
    }
    return this.db;
  }

  close(): void {
    if (this.given) return;
    this.db?.close();
    this.db = null;
    this.ino = null;
  }
}
