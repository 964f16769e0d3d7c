// Where the viewer's time goes, as User Timing marks (performance.mark): the browser's performance
// panel shows them, and bench:viewer prints them next to the network's own timings.

export function milestone(name: string): void {
  // Once per page: the first catalog, series or image is the one a patient waits for.
  const mark = `carrier-viewer:${name}`;
  if (performance.getEntriesByName(mark, "mark").length === 0) performance.mark(mark);
}
