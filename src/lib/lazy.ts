// Load a dependency the first time it is used: yaml and zod cost ~110 ms of start-up,
// and most doctor runs need neither (no netplan files, no config file). Measured by
// bench/doctor.ts (single live run).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function lazyModule<T>(id: string): () => T {
  let mod: T | undefined;
  return () => {
    mod ??= require(id) as T;
    return mod;
  };
}
