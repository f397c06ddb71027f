// Where mpath's records go: one JSON line each on standard output (records.ts), and, as
// watcher events, to the store when one is configured and to every sink. The store and the
// sinks are made by the factories passed in (fakes in tests).

import type { WatchEvent } from "../events/types.js";
import { closeInOrder } from "../runtime/lifecycle.js";
import { createSink } from "../runtime/sinks/index.js";
import type { Sink } from "../runtime/sinks/sink.js";
import { openStore } from "../store/store.js";
import type { MpathConfig } from "./config.js";
import { type Emit, recorder } from "./records.js";

export interface Outputs {
  emit: Emit;
  /** Closes the store, then flushes (2 s at most) and closes each sink. */
  close(): Promise<void>;
}

export interface OutputMakers {
  openStore(path: string): { addEvent(e: WatchEvent): unknown; close(): unknown };
  createSink(config: MpathConfig["sinks"][number]): Pick<Sink, "write" | "flush" | "close">;
  writeLine?: (line: string) => void;
}

export function openOutputs(
  cfg: Pick<MpathConfig, "store" | "sinks">,
  host: string,
  make: OutputMakers = { openStore, createSink },
): Outputs {
  const store = cfg.store ? make.openStore(cfg.store.path) : null;
  const sinks = cfg.sinks.map((c) => make.createSink(c));
  const outputs: ((e: WatchEvent) => void)[] = [];
  if (store) outputs.push((e) => void store.addEvent(e));
  for (const s of sinks) outputs.push((e) => s.write(e));
  return {
    emit: recorder(host, outputs, make.writeLine),
    close: () =>
      closeInOrder([
        () => store?.close(),
        () => Promise.all(sinks.map((s) => s.flush(2000).then(() => s.close()))),
      ]),
  };
}
