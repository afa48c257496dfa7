/**
 * Keeps outbound messages within Teams' limits for bots, so the Connector rarely has to say 429:
 * per conversation 7 per second, 8 per 2 seconds, 60 per 30 seconds and 1,800 per hour; and about
 * 50 per second per tenant across all conversations. Sliding windows over the times of messages
 * sent; a 429's Retry-After pauses the key it was for. In memory: only the lease holder sends.
 */
export interface Window {
  readonly limit: number;
  readonly ms: number;
}

export const PER_CONVERSATION: readonly Window[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

/** 50 per second per tenant, spread over each half second so that no burst meets the edge of a second. */
export const PER_TENANT: readonly Window[] = [
  { limit: 25, ms: 500 },
  { limit: 50, ms: 1_000 },
];

export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** Settles a slot once its request is answered: `true` if the service took the message. */
export type SlotDone = (accepted: boolean) => void;

export class RateLimiter {
  /** Per key, when each message counted against it was sent (or answered, once it was). */
  private readonly sent = new Map<string, { t: number }[]>();
  private readonly pausedUntil = new Map<string, number>();
  /** Callers wait in turn, so a slot freed is taken by the longest waiter. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly timer: Timer = realTimer) {}

  /**
   * Resolves when one more message may go to every key given, and counts it against each. Call
   * the returned function when the answer comes: the message then counts from that moment, since
   * it reached the service somewhere in between (counting from when it left would let a slow
   * one and the next second's messages land in the same second at the other end); a refused
   * message stops counting.
   */
  acquire(keys: readonly { readonly key: string; readonly windows: readonly Window[] }[]): Promise<SlotDone> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = Math.max(0, ...keys.map((k) => this.waitFor(k.key, k.windows)));
        if (wait === 0) break;
        await this.timer.sleep(wait);
      }
      const entry = { t: this.timer.now() };
      for (const k of keys) {
        const times = this.sent.get(k.key) ?? [];
        times.push(entry);
        this.sent.set(k.key, times);
      }
      return (accepted: boolean) => {
        if (accepted) entry.t = Math.max(entry.t, this.timer.now());
        else
          for (const k of keys)
            this.sent.set(
              k.key,
              (this.sent.get(k.key) ?? []).filter((e) => e !== entry),
            );
      };
    });
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Nothing more to `key` until `ms` from now (a Retry-After). */
  pause(key: string, ms: number): void {
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, this.timer.now() + ms));
  }

  /** How long until one more message may go to `key` (0: now). Forgets times older than the longest window. */
  private waitFor(key: string, windows: readonly Window[]): number {
    const now = this.timer.now();
    let wait = Math.max(0, (this.pausedUntil.get(key) ?? 0) - now);
    const all = this.sent.get(key);
    if (!all) return wait;
    const longest = Math.max(...windows.map((w) => w.ms));
    const times = all.filter((e) => e.t > now - longest);
    this.sent.set(key, times);
    const sorted = times.map((e) => e.t).sort((a, b) => a - b);
    for (const w of windows) {
      const inWindow = sorted.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[inWindow.length - w.limit]! + w.ms - now + 1);
    }
    return wait;
  }
}
