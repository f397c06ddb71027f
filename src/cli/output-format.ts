// The doctor's output formats, shared by the one-host and the fleet commands.
export type OutputFormat = "text" | "json" | "nagios";
