// A small least-recently-used map: a bounded cache for values that are cheap to rebuild.
export class Lru<T> {
  private readonly entries = new Map<string, T>();
  private total = 0;

  /** `limit` is a number of entries, or of whatever `weigh` counts (bytes, say). */
  constructor(
    private readonly limit: number,
    private readonly weigh: (value: T) => number = () => 1,
  ) {}

  get(key: string, build: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = build();
    const weight = this.weigh(value);
    if (weight > this.limit) return value;
    this.entries.set(key, value);
    this.total += weight;
    while (this.total > this.limit) {
      const [oldest, old] = this.entries.entries().next().value as [string, T];
      this.entries.delete(oldest);
      this.total -= this.weigh(old);
    }
    return value;
  }

  /** Entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** The sum of the weights held: the entry count unless `weigh` was given. */
  get weight(): number {
    return this.total;
  }
}
