// UIDs compared character by character: the same order in every browser and on every machine.
// (localeCompare follows the runtime's language, and under LANG=C Node and Chromium disagreed.)

export function compareUids(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
