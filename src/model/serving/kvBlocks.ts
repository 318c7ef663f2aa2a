// The KV block manager of one replica, as vLLM's (docs: "Automatic Prefix Caching"): the cache is cut
// into blocks of a fixed number of tokens; a running request holds the blocks of every token in its KV
// cache; when a request finishes (or is preempted) its full blocks stay cached for its stream's next turn
// but become evictable, and a request that needs blocks takes free ones first, then evicts the least
// recently used stream's cached blocks, tail first (vLLM frees a sequence's blocks in reverse order, so a
// prefix's head survives longest). What the engine may use comes from the physics memory plan.
//
// One simplification, named: blocks of a cached context that the stream's next turn does not share (its
// tail beyond the shared prefix) are freed at once, where vLLM leaves them in the LRU queue until they
// are evicted. They can serve no later hit in this workload, so this only moves when they are reclaimed.

export class KvBlocks {
  /** blocks never used or released without a cached prefix */
  free: number;
  /** blocks held by idle streams' cached prefixes (evictable) */
  evictable = 0;
  /** blocks held by running requests */
  pinned = 0;
  /** cached blocks evicted so far */
  evicted = 0;
  /** each stream's cached blocks (idle, evictable) */
  readonly cached: Float64Array;
  // a doubly linked list of the streams with idle cached blocks, least recently used first
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private head = -1;
  private tail = -1;

  constructor(
    readonly totalBlocks: number,
    streams: number,
  ) {
    this.free = totalBlocks;
    this.cached = new Float64Array(streams);
    this.prev = new Int32Array(streams).fill(-1);
    this.next = new Int32Array(streams).fill(-1);
  }

  /** Blocks a request could get now: free ones and every idle stream's cached ones. */
  get available(): number {
    return this.free + this.evictable;
  }

  private unlink(stream: number): void {
    const p = this.prev[stream] ?? -1;
    const n = this.next[stream] ?? -1;
    if (p >= 0) this.next[p] = n;
    else if (this.head === stream) this.head = n;
    if (n >= 0) this.prev[n] = p;
    else if (this.tail === stream) this.tail = p;
    this.prev[stream] = -1;
    this.next[stream] = -1;
  }

  private linked(stream: number): boolean {
    return this.head === stream || (this.prev[stream] ?? -1) >= 0;
  }

  /** Takes `blocks` for a running request, evicting least recently used prefixes; false (and nothing taken) when they are not there. */
  allocate(blocks: number): boolean {
    if (blocks <= 0) return true;
    if (blocks > this.free + this.evictable) return false;
    const fromFree = Math.min(this.free, blocks);
    this.free -= fromFree;
    let rest = blocks - fromFree;
    while (rest > 0 && this.head >= 0) {
      const stream = this.head;
      const take = Math.min(this.cached[stream] ?? 0, rest);
      this.cached[stream] = (this.cached[stream] ?? 0) - take;
      this.evictable -= take;
      this.evicted += take;
      rest -= take;
      if ((this.cached[stream] ?? 0) <= 0) this.unlink(stream);
    }
    this.pinned += blocks;
    return true;
  }

  /**
   * A stream's request is admitted: `hitBlocks` of the stream's cached blocks become the request's (pinned),
   * the rest of them are freed. The caller checked `available - hitBlocks` covers what else it needs.
   */
  claim(stream: number, hitBlocks: number): void {
    const held = this.cached[stream] ?? 0;
    if (held > 0) {
      this.evictable -= held;
      this.cached[stream] = 0;
      if (this.linked(stream)) this.unlink(stream);
    }
    const hit = Math.min(hitBlocks, held);
    this.pinned += hit;
    this.free += held - hit;
  }

  /** A request releases `blocks`, of which its `cachedBlocks` full blocks stay cached for its stream (most recently used). */
  release(stream: number, blocks: number, cachedBlocks: number): void {
    this.pinned -= blocks;
    const keep = Math.min(cachedBlocks, blocks);
    this.free += blocks - keep;
    const old = this.cached[stream] ?? 0;
    if (old > 0) {
      // an older cache of the same stream is superseded by this one
      this.evictable -= old;
      this.free += old;
      this.cached[stream] = 0;
      this.unlink(stream);
    }
    if (keep <= 0) return;
    this.cached[stream] = keep;
    this.evictable += keep;
    this.prev[stream] = this.tail;
    this.next[stream] = -1;
    if (this.tail >= 0) this.next[this.tail] = stream;
    else this.head = stream;
    this.tail = stream;
  }
}
