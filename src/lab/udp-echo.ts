// A UDP echo server for the lab (`node udp-echo.js PORT [ADDRESS]`): answers every datagram
// to its sender. Bound to a data address, its answers leave from that address, as a real
// service's would, so the reply path (policy routing) is part of what a test measures.
// Once bound it says so on stdout (`{"kind":"listening",...}`): the harness waits for that.
import { createSocket } from "node:dgram";

const port = Number(process.argv[2] ?? 7777);
const sock = createSocket("udp4");
sock.on("message", (msg, from) => sock.send(msg, from.port, from.address));
sock.on("error", (err) => {
  process.stderr.write(`udp-echo: ${err.message}\n`);
  process.exit(1);
});
sock.bind(port, process.argv[3] ?? "0.0.0.0", () => {
  const a = sock.address();
  process.stdout.write(
    `${JSON.stringify({ kind: "listening", address: a.address, port: a.port })}\n`,
  );
});
process.on("SIGTERM", () => process.exit(0));
