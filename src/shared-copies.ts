// One copy of equal per-locale data. Caches keyed by a site's locale (en-AE, en-AO, en-AR…) hold the
// same region lists many times over: 235 site locales, about 45 distinct results.

/**
 * Per-locale values that keep one copy of each distinct value: `get(locale, build, fingerprint)` builds
 * once per locale, and a locale whose value has the same fingerprint as one already held gets that one.
 * Bounded by the registry's locales (and at most `limit`).
 */
class PerLocale<T> {
  private readonly byLocale = new Map<string, T>();
  private readonly byFingerprint = new Map<string, T>();

  constructor(private readonly limit = 1000) {}

  get(locale: string, build: () => T, fingerprint: (value: T) => string): T {
    const held = this.byLocale.get(locale);
    if (held !== undefined) return held;
    const built = build();
    const key = fingerprint(built);
    const value = this.byFingerprint.get(key) ?? built;
    if (this.byLocale.size < this.limit) {
      this.byLocale.set(locale, value);
      this.byFingerprint.set(key, value);
    }
    return value;
  }
}

/** A PerLocale for each app (its Deps): tests build many apps, each with its own registry and names. */
export class PerAppLocale<T> {
  private readonly byApp = new WeakMap<object, PerLocale<T>>();

  get(app: object, locale: string, build: () => T, fingerprint: (value: T) => string): T {
    let perLocale = this.byApp.get(app);
    if (!perLocale) this.byApp.set(app, (perLocale = new PerLocale<T>()));
    return perLocale.get(locale, build, fingerprint);
  }
}
