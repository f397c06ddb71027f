// Every worker thread linkguard starts comes from here. Node has an open exit-time deadlock
// (nodejs/node#54918): a thread that ends its event loop waits for all background tasks,
// while one of them (a TurboFan job of that thread's isolate) waits for that thread to run a
// GC. It hung a test process after a burst of pcap region workers. Without concurrent
// recompilation, the isolates created from here on compile on their own thread, so none of
// their jobs is left in the background when they end.
import v8 from "node:v8";
import { Worker, type WorkerOptions } from "node:worker_threads";

let synchronousCompile = false;

export function startWorker(script: URL, options: WorkerOptions): Worker {
  if (!synchronousCompile) {
    v8.setFlagsFromString("--no-concurrent-recompilation");
    synchronousCompile = true;
  }
  return new Worker(script, options);
}
