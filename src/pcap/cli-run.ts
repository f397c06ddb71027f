// Running one `linkguard pcap` analysis and printing it: loaded only when a pcap verb runs,
// so the other verbs do not pay for the reader and decoders at start-up.
import { errnoText } from "../lib/errno-text.js";
import type { AnalysisName, AnalysisResults, AnalysisSpec } from "./analyze/analysis.js";
import { type AnalyzedCapture, analyzeFile } from "./analyze-file.js";
import { type CaptureInfo, captureInfo, readErrorText } from "./render/capture.js";
import { renderJson } from "./render/json.js";

type TextRenderers = typeof import("./render/text.js");
let text: TextRenderers | undefined;

/** The text renderers, loaded when text is printed: `--json` starts without them. */
async function loadText(): Promise<TextRenderers> {
  text ??= await import("./render/text.js");
  return text;
}

function loaded(): TextRenderers {
  if (text === undefined) throw new Error("pcap: the text renderers were not loaded");
  return text;
}

/** Files smaller than this finish before a progress bar would help. */
const PROGRESS_MIN_BYTES = 100 * 1024 * 1024;

export interface CommonOptions {
  json?: boolean;
  progress?: boolean;
  workers?: number;
}

/** A progress bar on stderr: only on a terminal, for big files, never with --json unless asked. */
async function progressSink(file: string, o: CommonOptions) {
  const tty = process.stderr.isTTY === true;
  const wanted = o.progress ?? (!o.json && tty);
  if (!wanted || file === "-") return { onProgress: undefined, done: () => undefined };
  // Loaded only for a bar (a script reading --json starts without it).
  const { renderProgressBar } = await import("./progress.js");
  const start = performance.now();
  let shown = false;
  return {
    onProgress: (p: { done: number; total: number }) => {
      if (p.total < PROGRESS_MIN_BYTES && o.progress !== true) return;
      shown = true;
      const line = renderProgressBar(p, performance.now() - start);
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    },
    done: () => {
      if (shown && tty) process.stderr.write("\r\x1b[K");
    },
  };
}

export async function run<N extends AnalysisName>(
  file: string,
  o: CommonOptions,
  spec: AnalysisSpec<N>,
  renderText: (result: AnalysisResults[N], capture: CaptureInfo) => string,
): Promise<void> {
  const progress = await progressSink(file, o);
  if (!o.json) await loadText();
  let analyzed: AnalyzedCapture<AnalysisResults[N]>;
  try {
    analyzed = await analyzeFile(file, spec, {
      blocking: true,
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
      ...(o.workers === undefined ? {} : { parallel: { workers: Math.floor(o.workers) } }),
    });
  } catch (e) {
    throw new Error(`pcap: cannot read ${file}: ${errnoText(e)}`, { cause: e });
  } finally {
    progress.done();
  }
  const capture = captureInfo(file === "-" ? "<stdin>" : file, analyzed.read);
  // Nothing in it read as a capture: no report (it would be all zeros), one error line, exit 3.
  if (analyzed.read.format === undefined) {
    const why = analyzed.read.error?.message ?? "empty";
    throw new Error(`pcap: ${capture.file} is not a pcap or pcapng capture: ${why}`);
  }
  if (o.json) process.stdout.write(renderJson({ ...analyzed.result, capture }));
  else {
    process.stdout.write(renderText(analyzed.result, capture));
    const error = readErrorText(capture);
    if (error !== undefined) process.stderr.write(`linkguard: ${error}\n`);
  }
  if (capture.error !== null) process.exitCode = 1;
}

export const TEXT = {
  summary: (r: AnalysisResults["summary"], c: CaptureInfo) => loaded().renderSummaryText(r, c),
  arp: (r: AnalysisResults["arp"], c: CaptureInfo) => loaded().renderArpText(r, c),
  storms: (r: AnalysisResults["storms"], c: CaptureInfo) => loaded().renderStormsText(r, c),
  neighbors: (r: AnalysisResults["neighbors"], c: CaptureInfo) =>
    loaded().renderNeighborsText(r, c),
  lacp: (timeline: boolean) => (r: AnalysisResults["lacp"], c: CaptureInfo) =>
    loaded().renderLacpText(r, c, timeline),
};

/** What `incidents show ID --pcap` prints for each capture of an incident. */
export async function analyzeForIncident(
  paths: string[],
): Promise<{ json: Record<string, unknown>; text: string }> {
  const json: Record<string, unknown> = {};
  const lines: string[] = [];
  const { renderArpText, renderLacpText, renderStormsText, renderSummaryText } = await loadText();
  for (const path of paths) {
    try {
      const summary = await analyzeFile(path, { name: "summary" });
      const capture = captureInfo(path, summary.read);
      const lacp = await analyzeFile(path, { name: "lacp" });
      const arp = await analyzeFile(path, { name: "arp" });
      const storms = await analyzeFile(path, { name: "storms" });
      json[path] = {
        capture,
        summary: summary.result,
        lacp: lacp.result,
        arp: arp.result,
        storms: storms.result,
      };
      lines.push(
        `== ${path}`,
        renderSummaryText(summary.result, capture),
        renderLacpText(lacp.result, capture, false),
        renderArpText(arp.result, capture),
        renderStormsText(storms.result, capture),
      );
    } catch (e) {
      json[path] = { error: (e as Error).message };
      lines.push(`== ${path}`, `cannot read: ${(e as Error).message}`, "");
    }
  }
  return { json, text: lines.join("\n") };
}
