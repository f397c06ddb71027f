// Lines from a child's output stream, without readline's machinery (the probers deliver
// hundreds of lines a second; this is the cheap path).
import type { Readable } from "node:stream";

export function onLines(stream: Readable | null, handle: (line: string) => void): void {
  if (!stream) return;
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      handle(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    // A line longer than 64 KiB is not ours to read: drop it rather than grow without bound.
    if (rest.length > 65_536) rest = "";
  });
}
