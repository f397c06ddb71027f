// A QEMU Machine Protocol client for the one thing the lab needs from the monitor: a NIC's
// link state (`set_link`), which the guest sees as real carrier loss.
import { createConnection } from "node:net";
import { LineFramer } from "./protocol.js";

/** Sends the commands on a fresh QMP connection; rejects on an error reply or after timeoutMs. */
function qmp(
  socketPath: string,
  commands: { execute: string; arguments?: Record<string, unknown> }[],
  timeoutMs = 5000,
): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const sock = createConnection(socketPath);
    const framer = new LineFramer();
    const queue = [{ execute: "qmp_capabilities" }, ...commands];
    const results: unknown[] = [];
    let sent = 0;
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`qmp ${socketPath}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (err?: Error) => {
      clearTimeout(timer);
      sock.end();
      if (err) reject(err);
      else resolve(results.slice(1));
    };
    const next = () => {
      const cmd = queue[sent++];
      if (cmd) sock.write(`${JSON.stringify(cmd)}\n`);
      else finish();
    };
    sock.setEncoding("utf8");
    sock.on("error", (err) => finish(err));
    sock.on("data", (d: string) => {
      for (const line of framer.push(d)) {
        const msg = JSON.parse(line) as {
          QMP?: unknown;
          return?: unknown;
          error?: { desc: string };
        };
        if (msg.QMP) next();
        else if (msg.error)
          finish(new Error(`qmp: ${queue[sent - 1]?.execute}: ${msg.error.desc}`));
        else if ("return" in msg) {
          results.push(msg.return);
          next();
        }
      }
    });
  });
}

/** Real carrier loss (or its return) on one of a VM's NICs, by QEMU netdev id. */
export async function setLink(socketPath: string, netdev: string, up: boolean): Promise<void> {
  await qmp(socketPath, [{ execute: "set_link", arguments: { name: netdev, up } }]);
}
