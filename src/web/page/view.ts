// What every view hands back to the router: how to take it down, and what it does with the
// live stream's messages (each optional: a view ignores what it does not show).
import type { ApiEvent, ApiIncident, StreamMessages } from "../api.js";

export interface View {
  dispose(): void;
  onEvent?(e: ApiEvent): void;
  onIncident?(i: ApiIncident): void;
  onTick?(t: StreamMessages["tick"]): void;
  /** The stream came back after a drop: fetch what was missed. */
  onResume?(): void;
}

/** Tells tests (and anyone scripting the page) that a view has drawn its data. */
export function markReady(view: string): void {
  document.documentElement.dataset.ready = view;
  performance.mark(`${view}-rendered`);
}

export function markBusy(): void {
  delete document.documentElement.dataset.ready;
}
