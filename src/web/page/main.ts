// The dashboard's entry point (placeholder until the page lands).
import type { InfoResponse } from "../api.js";

const info = (await (await fetch("/api/info")).json()) as InfoResponse;
document.title = `linkguard: ${info.host}`;
