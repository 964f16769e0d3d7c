import type { Measurement } from "./cornerstone/measurements";

// The lengths and angles drawn on the images, in words, with a way to remove them all.

export function MeasurementList({ measurements, onClear }: { measurements: readonly Measurement[]; onClear: () => void }) {
  if (measurements.length === 0) return null;
  return (
    <section aria-labelledby="measurements-heading" className="space-y-2">
      <h2 id="measurements-heading" className="text-xl font-semibold">
        Measurements
      </h2>
      <ul aria-live="polite" className="space-y-1">
        {measurements.map((measurement) => (
          <li key={measurement.uid}>{measurement.text}</li>
        ))}
      </ul>
      <button type="button" onClick={onClear} className="min-h-11 rounded-lg border-2 border-line-strong bg-surface px-3 text-sm font-semibold hover:bg-brand-soft">
        Remove all measurements
      </button>
    </section>
  );
}
