// Option values read once, when commander parses the command line: a value that cannot be
// read is a usage error (exit 3) naming the option, never NaN carried into the run.
import { InvalidArgumentError } from "commander";
import { type DurationOption, parseDurationOption } from "../lib/duration.js";

/** A commander parser for a duration option (see lib/duration.ts); the value is milliseconds. */
export function durationArg(o: DurationOption): (value: string) => number {
  return (value) => {
    try {
      return parseDurationOption(value, o);
    } catch (err) {
      // commander names the option itself: "option '--duration <time>' argument ... is invalid."
      throw new InvalidArgumentError((err as Error).message.replace(`${o.option}: `, ""));
    }
  };
}

/** A commander parser for a whole number from min to max. */
export function wholeArg(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        `${option}: expected a whole number ${min}-${max}, got "${value}"`,
      );
    return n;
  };
}
