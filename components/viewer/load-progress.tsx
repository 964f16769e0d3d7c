// How much of the series is loaded and ready to page through without waiting.

export function LoadProgress({ ready, count, unreadable = 0 }: { ready: number; count: number; unreadable?: number }) {
  if (ready + unreadable >= count) {
    const all = count === 1 ? "The image is loaded" : `All ${count} images loaded`;
    return <p className="text-ink-muted">{unreadable === 0 ? all : `${ready} of ${count} images loaded, ${unreadable} could not be read`}</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-ink-muted">
      <label htmlFor="load-progress">
        {ready} of {count} images loaded
      </label>
      <progress id="load-progress" className="h-2 w-40 accent-brand" max={count} value={ready} />
    </div>
  );
}
