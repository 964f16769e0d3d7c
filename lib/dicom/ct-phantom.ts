// A chest-like CT phantom, drawn in Hounsfield units. It only has to look like a CT on
// screen (body, ribs, spine, lungs that grow and shrink through the stack), not be anatomy.

export const HOUNSFIELD = {
  air: -1000,
  lung: -800,
  fat: -100,
  softTissue: 40,
  cancellousBone: 300,
  corticalBone: 700,
} as const;

export interface PhantomSlice {
  rows: number;
  columns: number;
  /** Square pixels, in millimetres. */
  pixelSpacingMm: number;
  /** Where the slice sits in the stack: 0 at the first slice, 1 at the last. */
  stackPosition: number;
  /** Seeds the noise, so the same slice always renders the same pixels. */
  noiseSeed: number;
}

// Shapes in millimetres around the image centre; +y is posterior, as in the image rows.
const BODY = { semiAxisX: 150, semiAxisY: 110 };
const FAT_LAYER_START = 0.92; // fraction of the body ellipse radius
const RIB_RING = { inner: 0.84, outer: 0.89, ribsPerTurn: 12 };
const SPINE = { centreY: 70, radius: 16, cortexThickness: 3 };
const LUNG = { centreX: 60, centreY: -5, semiAxisX: 40, semiAxisY: 58 };

/** Mulberry32: a tiny seeded generator; cryptographic quality is not needed for noise. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lungs are small at the apex and base and widest mid-stack, so scrolling looks alive. */
function lungScale(stackPosition: number): number {
  return 0.4 + 0.6 * Math.sin(Math.PI * Math.min(Math.max(stackPosition, 0), 1));
}

function tissueAt(x: number, y: number, lungSize: number): number {
  const bodyRadius = Math.hypot(x / BODY.semiAxisX, y / BODY.semiAxisY);
  if (bodyRadius > 1) return HOUNSFIELD.air;
  if (bodyRadius > FAT_LAYER_START) return HOUNSFIELD.fat;
  if (bodyRadius > RIB_RING.inner && bodyRadius < RIB_RING.outer) {
    // Cutting the ring into arcs makes it read as ribs rather than a skull.
    const angle = Math.atan2(y, x);
    return Math.cos(angle * RIB_RING.ribsPerTurn) > 0 ? HOUNSFIELD.corticalBone : HOUNSFIELD.softTissue;
  }
  const spineDistance = Math.hypot(x, y - SPINE.centreY);
  if (spineDistance <= SPINE.radius) {
    return spineDistance > SPINE.radius - SPINE.cortexThickness
      ? HOUNSFIELD.corticalBone
      : HOUNSFIELD.cancellousBone;
  }
  const lungRadius = Math.hypot(
    (Math.abs(x) - LUNG.centreX) / (LUNG.semiAxisX * lungSize),
    (y - LUNG.centreY) / (LUNG.semiAxisY * lungSize),
  );
  if (lungRadius <= 1) return HOUNSFIELD.lung;
  return HOUNSFIELD.softTissue;
}

/** One axial slice, row by row, in Hounsfield units with a little scanner-like noise. */
export function renderPhantomSlice(slice: PhantomSlice): Int16Array {
  const { rows, columns, pixelSpacingMm } = slice;
  const lungSize = lungScale(slice.stackPosition);
  const random = seededRandom(slice.noiseSeed);
  const hounsfield = new Int16Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    const y = (row - (rows - 1) / 2) * pixelSpacingMm;
    for (let column = 0; column < columns; column++) {
      const x = (column - (columns - 1) / 2) * pixelSpacingMm;
      // Sum of three uniforms: roughly Gaussian, about 5 HU spread, never beyond ±15 HU.
      const noise = (random() + random() + random() - 1.5) * 10;
      hounsfield[row * columns + column] = Math.round(tissueAt(x, y, lungSize) + noise);
    }
  }
  return hounsfield;
}
