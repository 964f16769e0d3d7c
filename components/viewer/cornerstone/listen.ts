/** Adds a listener for one of cornerstone's CustomEvents; the returned function removes it. */
export function listen<Detail>(target: EventTarget, type: string, handler: (detail: Detail) => void): () => void {
  const listener = (event: Event) => handler((event as CustomEvent<Detail>).detail);
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}
