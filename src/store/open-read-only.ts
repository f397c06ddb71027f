// The query verbs open the watcher's store read-only: they never create it, never migrate
// it, and can run while `linkguard watch` writes (WAL).
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { lazyModule } from "../lib/lazy.js";
import { SCHEMA_VERSION, StoreSchemaError, schemaVersion } from "./schema.js";

// Loaded on first use: the query verbs are registered at every start, the driver is not needed.
const sqlite = lazyModule<typeof Database>("better-sqlite3");

class StoreMissingError extends Error {
  override name = "StoreMissingError";
  constructor(readonly path: string) {
    super(`no store at ${path}: is \`linkguard watch\` running with --db ${path}?`);
  }
}

class StoreAccessError extends Error {
  override name = "StoreAccessError";
  constructor(
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(
      `cannot read ${path}: the watcher left it in WAL mode (still running, or stopped by a crash) ` +
        `and reading it then needs write access to ${dirname(path)}; run as root or the watcher's user`,
      options,
    );
  }
}

export function openStoreReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new StoreMissingError(path);
  const SQLite = sqlite();
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  let version: number;
  try {
    db.pragma("busy_timeout = 5000");
    version = schemaVersion(db);
    db.prepare("SELECT COUNT(*) FROM sqlite_schema").get();
  } catch (err) {
    db.close();
    const code = String((err as { code?: unknown }).code);
    if (/^SQLITE_(READONLY|CANTOPEN)/.test(code)) throw new StoreAccessError(path, { cause: err });
    throw new StoreSchemaError(path, `not a linkguard store (${(err as Error).message})`);
  }
  if (version === 0 || version > SCHEMA_VERSION) {
    db.close();
    throw new StoreSchemaError(
      path,
      version === 0
        ? "not a linkguard store (no schema)"
        : `schema version ${version} is newer than this linkguard understands (${SCHEMA_VERSION})`,
    );
  }
  return db;
}
