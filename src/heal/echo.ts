// Which events are the echo of the healer's own action on a member, so that an action never
// triggers itself: the events received from the start of the action until a settle window
// after its end, for every rule; and, for the rule that acted, the events that came with its
// trigger and waited while it ran (it already acted on them). Pure: the healer numbers the
// events as it receives them and passes its clock's time.

/** When the healer received an event: its order among the events, and the time. */
export interface Received {
  seq: number;
  t_ms: number;
}

export interface EchoWindow {
  /** The rule that acted (compared by identity). */
  rule: object;
  action: string;
  /** The last event received before the action started. */
  after_seq: number;
  /** Infinity while the action runs. */
  until_ms: number;
  /** Whether the first ignored event was reported (once per window). */
  told: boolean;
}

export class EchoWindows {
  private readonly windows = new Map<string, EchoWindow>();

  /** An action on `member` starts after the event numbered `lastSeq`. */
  open(member: string, rule: object, action: string, lastSeq: number): EchoWindow {
    const w = {
      rule,
      action,
      after_seq: lastSeq,
      until_ms: Number.POSITIVE_INFINITY,
      told: false,
    };
    this.windows.set(member, w);
    return w;
  }

  /** The window that makes this event on `member`, for `rule`, an echo; undefined if none. */
  covering(member: string, rule: object, received: Received): EchoWindow | undefined {
    const w = this.windows.get(member);
    if (!w || received.t_ms >= w.until_ms) return undefined;
    if (received.seq <= w.after_seq && rule !== w.rule) return undefined;
    return w;
  }
}
