// The text renderers of the five analyses, as one module: the CLI loads it only when it prints
// text (`--json` does not pay for loading them at start-up).
export { renderArpText } from "./arp-text.js";
export { renderLacpText } from "./lacp-text.js";
export { renderNeighborsText } from "./neighbors-text.js";
export { renderStormsText } from "./storms-text.js";
export { renderSummaryText } from "./summary-text.js";
