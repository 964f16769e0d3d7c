// Whether a series' images stack into a volume that can be resliced (MPR): single-frame greyscale
// slices of one size, all in one orientation, at distinct, evenly spaced positions along the normal
// (PS3.3 C.7.6.2). Localizers, mixed orientations and multi-frame objects are shown as stacks only.

export type SlicePlane = {
  rows?: number;
  columns?: number;
  samplesPerPixel?: number;
  frames: number;
  position?: number[];
  orientation?: number[];
};

const RESLICED_MODALITIES = new Set(["CT", "MR", "PT"]);
const MIN_SLICES = 3;
const ORIENTATION_TOLERANCE = 1e-3;
// Gaps this much wider than the narrowest mean missing slices: a volume would show holes.
const SPACING_RATIO_LIMIT = 1.5;

export function sliceNormal(orientation: number[]): [number, number, number] {
  const [rx = 0, ry = 0, rz = 0, cx = 0, cy = 0, cz = 0] = orientation;
  return [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
}

export function formsVolume(modality: string | undefined, slices: readonly SlicePlane[]): boolean {
  if (!modality || !RESLICED_MODALITIES.has(modality) || slices.length < MIN_SLICES) return false;
  const first = slices[0]!;
  if (!first.orientation || first.orientation.length !== 6) return false;
  const reference = first.orientation;
  for (const slice of slices) {
    if (slice.frames !== 1 || (slice.samplesPerPixel ?? 1) !== 1) return false;
    if (slice.rows !== first.rows || slice.columns !== first.columns) return false;
    if (!slice.position || slice.position.length !== 3 || !slice.orientation || slice.orientation.length !== 6) return false;
    if (slice.orientation.some((value, index) => Math.abs(value - reference[index]!) > ORIENTATION_TOLERANCE)) return false;
  }
  const normal = sliceNormal(reference);
  const distances = slices.map((slice) => slice.position!.reduce((sum, value, index) => sum + value * normal[index]!, 0)).sort((a, b) => a - b);
  const gaps = distances.slice(1).map((distance, index) => distance - distances[index]!);
  const narrowest = Math.min(...gaps);
  if (!(narrowest > 1e-3)) return false;
  return Math.max(...gaps) / narrowest <= SPACING_RATIO_LIMIT;
}
