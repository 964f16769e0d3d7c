// Answers worth keeping a short while in the process (a viewer asks the same question hundreds
// of times a minute), each loaded once however many requests ask at the same moment: a burst of
// requests that all find the answer stale must not all go to the database.

type Loaded<V> = { value: V; until: number };
type Entry<V> = { pending: Promise<Loaded<V>> } | Loaded<V>;

export class KeptAnswers<V> {
  readonly #entries = new Map<string, Entry<V>>();

  /** At most `capacity` answers are kept; the least recently loaded goes first. */
  constructor(private readonly capacity: number) {}

  /**
   * The kept answer for `key` while it is fresh (until its `until`) and `usable`; otherwise one
   * `load` for everyone who asks meanwhile. A load that fails is not kept.
   */
  async get(key: string, now: number, load: () => Promise<Loaded<V>>, usable: (value: V) => boolean = () => true): Promise<V> {
    const entry = this.#entries.get(key);
    if (entry && "pending" in entry) return (await entry.pending).value;
    if (entry && entry.until > now && usable(entry.value)) return entry.value;
    const pending = load();
    this.#entries.delete(key);
    this.#entries.set(key, { pending });
    try {
      const loaded = await pending;
      // Forgotten while loading (forget()): answer this request, keep nothing.
      if (this.#stillLoading(key, pending)) {
        this.#entries.set(key, loaded);
        if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
      }
      return loaded.value;
    } catch (error) {
      if (this.#stillLoading(key, pending)) this.#entries.delete(key);
      throw error;
    }
  }

  #stillLoading(key: string, pending: Promise<Loaded<V>>): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined && "pending" in entry && entry.pending === pending;
  }

  /** Asks for `key` are answered by a new load from now on (what it answered has changed). */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}
