/** Exponential backoff with full jitter, honouring the server's Retry-After when it gives one. */
export interface BackoffPolicy {
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 6, baseMs: 500, capMs: 30_000 };

/** Delay before retry number `attempt` (1 = first retry). `random` is injectable for tests. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * ceiling);
  // Never earlier than the server asked; a little jitter on top so retries do not arrive together.
  return retryAfterMs !== undefined ? retryAfterMs + Math.round(random() * policy.baseMs) : jittered;
}
