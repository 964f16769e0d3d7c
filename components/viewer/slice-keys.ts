// The keys that page through images when the image has focus, as in desktop viewers: arrows one at
// a time, Page Up/Down a tenth of the series, Home and End to the ends.

export function sliceForKey(key: string, index: number, count: number): number | undefined {
  const page = Math.max(1, Math.round(count / 10));
  const target = (() => {
    switch (key) {
      case "ArrowUp":
      case "ArrowLeft":
        return index - 1;
      case "ArrowDown":
      case "ArrowRight":
        return index + 1;
      case "PageUp":
        return index - page;
      case "PageDown":
        return index + page;
      case "Home":
        return 0;
      case "End":
        return count - 1;
      default:
        return undefined;
    }
  })();
  return target === undefined ? undefined : Math.min(count - 1, Math.max(0, target));
}
