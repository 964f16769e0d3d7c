// A value React reads with useSyncExternalStore: cornerstone's events update it, the toolbar and
// overlay render from it.

export class Observable<State extends object> {
  private listeners = new Set<() => void>();

  constructor(private state: State) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): State => this.state;

  protected replace(state: State): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  protected update(change: Partial<State>): void {
    const next = { ...this.state, ...change };
    if (Object.keys(change).every((key) => Object.is(next[key as keyof State], this.state[key as keyof State]))) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
