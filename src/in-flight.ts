/** The requests being handled right now, so a shutdown can let them finish before it stops. */
export class InFlight {
  private count = 0;
  private readonly waiting = new Set<() => void>();

  get size(): number {
    return this.count;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
      if (this.count === 0) for (const done of this.waiting) done();
    }
  }

  /** Resolves when nothing is in flight, or after `timeoutMs` with how many were still running. */
  drained(timeoutMs: number): Promise<number> {
    if (this.count === 0) return Promise.resolve(0);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve(this.count);
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiting.add(done);
    });
  }
}
