// Per-client rate limits: a token bucket per client address. A bucket holds `burst` requests and refills
// at `perMinute`; a request finding it empty is refused (429) with the seconds until the next token. The
// table of clients is bounded (least recently seen dropped first), so a flood of addresses cannot grow
// the process's memory: a dropped client simply starts again with a full bucket.

export interface RateLimitOptions {
  readonly burst: number;
  readonly perMinute: number;
  /** Clients remembered at most. */
  readonly maxClients: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes one token for `client`: 0 when allowed, else the whole seconds until one is there. */
  take(client: string, nowMs: number = Date.now()): number {
    const { burst, perMinute, maxClients } = this.options;
    const refillPerMs = perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: burst, at: nowMs };
    // least recently seen first: re-inserting moves this client to the end
    this.buckets.delete(client);
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, nowMs - bucket.at) * refillPerMs);
    bucket.at = nowMs;
    this.buckets.set(client, bucket);
    if (this.buckets.size > maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }
}
