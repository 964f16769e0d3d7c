import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

// What the viewer specs need: the expected picture of a DICOM file, computed without the viewer
// (reference-pixels.py), and the picture the viewer actually drew, read back from its canvas.

/** A pixel's value (grey after rescale, or RGB) and the lowest and highest values around it. */
export type Sample = { column: number; row: number; value: number | number[]; low: number | number[]; high: number | number[] };

export type Reference = {
  name: string;
  pixels: true;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  instanceNumber: number | null;
  frames: number;
  rows: number;
  columns: number;
  spacing: [number, number];
  colour: boolean;
  /** The header's window, when it has a valid one. */
  window: { center: number; width: number } | null;
  range: [number, number];
  inverted: boolean;
  lossy: boolean;
  samples: Sample[];
};

export type ReferenceResult = Reference | { name: string; pixels: false } | { name: string; error: string };

export function referencePixels(files: readonly string[]): ReferenceResult[] {
  const script = path.resolve("e2e/support/reference-pixels.py");
  const output = execFileSync("/usr/bin/python3", ["-W", "ignore", script, ...files], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.toString()) as ReferenceResult[];
}

/** Opens a study in the viewer (a series first, if given) and waits for its first picture. */
export async function openViewer(page: Page, studyInstanceUid: string, seriesInstanceUid?: string): Promise<void> {
  await page.goto(`/viewer/${studyInstanceUid}${seriesInstanceUid ? `?series=${seriesInstanceUid}` : ""}`);
  await expect(page.getByTestId("image-overlay").getByText(/^Image \d+ of \d+$/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Opening the image…")).toBeHidden({ timeout: 20_000 });
}

/**
 * The grey the viewer should draw for a value: through the header's window or, without one, the
 * image's own range (as cornerstone's loader sets it), inverted for MONOCHROME1 (PS3.3 C.11.2.1.2).
 */
export function expectedGrey(reference: Reference, value: number): number {
  const [low, high] = reference.range;
  const { center, width } = reference.window ?? { center: (low + high + 1) / 2, width: high - low + 1 };
  const lower = center - 0.5 - (width - 1) / 2;
  const upper = center - 0.5 + (width - 1) / 2;
  const grey = Math.min(1, Math.max(0, (value - lower) / Math.max(upper - lower, 1e-9))) * 255;
  return reference.inverted ? 255 - grey : grey;
}

/**
 * The colours the viewer's canvas shows at the given image pixels (RGB, 0-255). Cornerstone fits
 * the image (pixel spacing taken into account) into the canvas, centred, and draws each pixel's
 * centre at its value.
 */
export async function drawnPixels(page: Page, image: Pick<Reference, "rows" | "columns" | "spacing">, pixels: readonly { column: number; row: number }[], canvasIndex = 0): Promise<number[][]> {
  return page.locator("canvas.cornerstone-canvas").nth(canvasIndex).evaluate(
    (canvas: HTMLCanvasElement, { image, pixels }) => {
      const [rowSpacing, columnSpacing] = image.spacing;
      const width = image.columns * columnSpacing;
      const height = image.rows * rowSpacing;
      const scale = Math.min(canvas.width / width, canvas.height / height);
      const context = canvas.getContext("2d", { willReadFrequently: true })!;
      return pixels.map(({ column, row }) => {
        const x = Math.floor(canvas.width / 2 + (column + 0.5 - image.columns / 2) * columnSpacing * scale);
        const y = Math.floor(canvas.height / 2 + (row + 0.5 - image.rows / 2) * rowSpacing * scale);
        return [...context.getImageData(x, y, 1, 1).data.slice(0, 3)];
      });
    },
    { image, pixels },
  );
}

/** The samples whose drawn colour falls outside what their neighbourhood allows (± tolerance). */
export function mismatches(reference: Reference, drawn: readonly number[][], tolerance: number): string[] {
  return reference.samples.flatMap((sample, index) => {
    const colour = drawn[index]!;
    const [expected, a, b] = reference.colour
      ? [[sample.value].flat(), [sample.low].flat(), [sample.high].flat()]
      : [[expectedGrey(reference, sample.value as number)], [expectedGrey(reference, sample.low as number)], [expectedGrey(reference, sample.high as number)]];
    const wrong = expected.some((_, channel) => colour[channel]! < Math.min(a[channel]!, b[channel]!) - tolerance || colour[channel]! > Math.max(a[channel]!, b[channel]!) + tolerance);
    const notGrey = !reference.colour && (colour[1] !== colour[0] || colour[2] !== colour[0]);
    return wrong || notGrey ? [`(${sample.column},${sample.row}) drew ${colour.join("/")}, expected ${expected.map(Math.round).join("/")}`] : [];
  });
}

/** A fingerprint of what a canvas shows now, and how much of it is not black. */
export async function canvasPicture(page: Page, canvasIndex = 0): Promise<{ hash: number; lit: number }> {
  return page.locator("canvas.cornerstone-canvas").nth(canvasIndex).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    let lit = 0;
    for (let index = 0; index < data.length; index += 4) {
      hash = (Math.imul(hash, 31) + data[index]!) >>> 0;
      if (data[index]! > 16) lit++;
    }
    return { hash, lit };
  });
}

/** The grey (red channel) the canvas shows at a point given as fractions of its width and height. */
export async function canvasGrey(page: Page, fractionX: number, fractionY: number, canvasIndex = 0): Promise<number> {
  return page.locator("canvas.cornerstone-canvas").nth(canvasIndex).evaluate(
    (canvas: HTMLCanvasElement, [x, y]) => canvas.getContext("2d")!.getImageData(Math.floor(canvas.width * x!), Math.floor(canvas.height * y!), 1, 1).data[0]!,
    [fractionX, fractionY],
  );
}
