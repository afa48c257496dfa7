/** The outbound rate limiter on a fake timer: Teams' windows are never exceeded, pauses are honoured. */
import { describe, expect, it } from "vitest";
import { PER_CONVERSATION, PER_TENANT, RateLimiter, type Timer, type Window } from "../../src/jobs/rate-limit.js";
import { retryDelay } from "../../src/jobs/backoff.js";

function fakeTimer(): Timer & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** The most messages in any window of `ms` among `times`. */
function busiest(times: number[], ms: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));
}

async function send(
  limiter: RateLimiter,
  timer: Timer,
  count: number,
  keys: { key: string; windows: readonly Window[] }[],
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const done = await limiter.acquire(keys);
    times.push(timer.now());
    done(true);
  }
  return times;
}

describe("RateLimiter", () => {
  it("keeps one conversation within 7 per second, 8 per 2 seconds and 60 per 30 seconds", async () => {
    const timer = fakeTimer();
    const times = await send(new RateLimiter(timer), timer, 70, [{ key: "c", windows: PER_CONVERSATION }]);
    expect(busiest(times, 1_000)).toBeLessThanOrEqual(7);
    expect(busiest(times, 2_000)).toBeLessThanOrEqual(8);
    expect(busiest(times, 30_000)).toBeLessThanOrEqual(60);
    expect(busiest(times, 2_000)).toBe(8); // and uses what it is allowed
  });

  it("keeps a tenant within 50 per second across conversations, at close to that rate", async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter(timer);
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const done = await limiter.acquire([
        { key: `c${i}`, windows: PER_CONVERSATION },
        { key: "tenant", windows: PER_TENANT },
      ]);
      times.push(timer.now());
      done(true);
    }
    expect(busiest(times, 1_000)).toBeLessThanOrEqual(50);
    expect(times.at(-1)!).toBeLessThan(10_500); // 500 messages in about 10 seconds
  });

  it("counts a message from when it was answered, and not at all when it was refused", async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter(timer);
    const keys = [{ key: "c", windows: [{ limit: 1, ms: 1_000 }] }];
    const first = await limiter.acquire(keys);
    await timer.sleep(400); // the answer takes 400 ms
    first(true);
    await limiter.acquire(keys);
    expect(timer.now()).toBe(1_401); // a second after the answer, not after the send

    const refusedTimer = fakeTimer();
    const other = new RateLimiter(refusedTimer);
    (await other.acquire(keys))(false); // a 429: it never counted at the other end
    await other.acquire(keys);
    expect(refusedTimer.now()).toBe(0);
  });

  it("waits out a Retry-After pause", async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter(timer);
    limiter.pause("tenant", 3_000);
    await limiter.acquire([{ key: "tenant", windows: PER_TENANT }]);
    expect(timer.now()).toBe(3_000);
  });
});

describe("retryDelay", () => {
  it("grows exponentially with full jitter, capped, and never comes before Retry-After", () => {
    const policy = { attempts: 6, baseMs: 500, capMs: 30_000 };
    expect([1, 2, 3, 4, 8].map((n) => retryDelay(n, undefined, policy, () => 1))).toEqual([500, 1_000, 2_000, 4_000, 30_000]);
    expect(retryDelay(3, undefined, policy, () => 0)).toBe(0);
    expect(retryDelay(1, 2_000, policy, () => 0)).toBe(2_000);
    expect(retryDelay(1, 2_000, policy, () => 1)).toBe(2_500);
  });
});
