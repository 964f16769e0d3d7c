import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/axe";
import { createPatientAccount } from "./support/accounts";
import { PYDICOM_FILES, syntheticCtFolder } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";
import { signInWithSession } from "./support/session";
import { canvasGrey, canvasPicture, openViewer, referencePixels, type Reference } from "./support/viewer";
import { OPENING_PICTURE_ALT } from "../components/viewer/opening-picture";

// The viewer's tools on a synthetic 20-slice CT held by a patient: paging (keys, wheel, slider)
// with its announcement, brightness presets, invert, flip, rotate, zoom, reset, a length in
// millimetres and an angle, cine, the three-plane view, what a failed image says, and axe.

const SLICES = 20;

async function patientWithCt(page: Page) {
  const ct = syntheticCtFolder(SLICES);
  const account = await createPatientAccount();
  await holdFilesFor(account, ct.files.map((file) => file.path));
  const reference = referencePixels([ct.files[0]!.path])[0] as Reference;
  await signInWithSession(page, account);
  return { reference };
}

const image = (page: Page) => page.getByRole("application");
const announcement = (page: Page) => page.locator("[aria-live=polite]").filter({ hasText: /^Image \d+ of \d+$/ });
const overlay = (page: Page) => page.getByTestId("image-overlay");

async function expectImage(page: Page, number: number) {
  await expect(announcement(page)).toHaveText(`Image ${number} of ${SLICES}`);
  await expect(overlay(page)).toContainText(`Image ${number} of ${SLICES}`);
  await expect(page.getByRole("slider", { name: `Image ${number} of ${SLICES}` })).toHaveValue(String(number));
}

/** Where the image is on the screen, scrolled fully into view (the mouse only reaches what is shown). */
async function imageBox(page: Page) {
  await image(page).evaluate((element) => element.scrollIntoView({ block: "center" }));
  return (await image(page).boundingBox())!;
}

/** Drags across the image between two points given as fractions of its size. */
async function drag(page: Page, from: [number, number], to: [number, number], box?: Awaited<ReturnType<typeof imageBox>>) {
  box ??= await imageBox(page);
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 8 });
  await page.mouse.up();
}

test("pages through a series with keys, the wheel and the slider, and says which image it shows", async ({ page }) => {
  await patientWithCt(page);
  await page.goto("/studies");
  await page.getByRole("link", { name: /CT ABDOMEN/ }).click();
  await page.getByRole("link", { name: "Open viewer" }).click();
  // The first image can take several seconds on a busy two-core machine: wait as openViewer does.
  await expect(overlay(page).getByText(/^Image \d+ of \d+$/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Opening the image…")).toBeHidden({ timeout: 20_000 });
  await expectImage(page, 1);
  const first = await canvasPicture(page);
  expect(first.lit).toBeGreaterThan(1000);

  await image(page).focus();
  await page.keyboard.press("ArrowDown");
  await expectImage(page, 2);
  await expect.poll(async () => (await canvasPicture(page)).hash).not.toBe(first.hash);
  await page.keyboard.press("PageDown");
  await expectImage(page, 4);
  await page.keyboard.press("End");
  await expectImage(page, SLICES);
  await page.keyboard.press("ArrowUp");
  await expectImage(page, SLICES - 1);
  await page.keyboard.press("Home");
  await expectImage(page, 1);
  await expect.poll(async () => (await canvasPicture(page)).hash).toBe(first.hash);

  const box = await imageBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 120);
  await expectImage(page, 2);

  await page.getByRole("slider").fill("12");
  await expectImage(page, 12);
  await expect(page.getByText(`All ${SLICES} images loaded`)).toBeVisible();
});

test("the first image shows at once, drawn by the server, until the viewer draws its own over it", async ({ page }) => {
  const { reference } = await patientWithCt(page);
  // The viewer's own frames wait until the server's picture has been seen.
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/frames\/\d+$/, async (route) => {
    await released;
    await route.fallback();
  });
  await page.goto(`/viewer/${reference.studyInstanceUid}`);
  const picture = page.getByRole("img", { name: OPENING_PICTURE_ALT });
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(reference.columns);

  release();
  await expect(overlay(page).getByText(`Image 1 of ${SLICES}`)).toBeVisible();
  await expect(page.getByText("Opening the image…")).toBeHidden();
  await expect(picture).toHaveCount(0);
  expect((await canvasPicture(page)).lit).toBeGreaterThan(1000);
});

test("brightness presets, invert, flip, rotate, zoom and reset change the picture and undo", async ({ page }) => {
  const { reference } = await patientWithCt(page);
  await openViewer(page, reference.studyInstanceUid);
  await expect(overlay(page)).toContainText("Window 400 / Level 40");
  // The pixels are compared once the series has loaded, while nothing else is being drawn.
  await expect(page.getByText(`All ${SLICES} images loaded`)).toBeVisible({ timeout: 20_000 });
  const original = await canvasPicture(page);

  const preset = page.getByLabel("Brightness preset");
  await preset.selectOption({ label: "Lung (window 1500, level -600)" });
  await expect(overlay(page)).toContainText("Window 1500 / Level -600");
  await expect.poll(async () => (await canvasPicture(page)).hash).not.toBe(original.hash);
  await preset.selectOption({ label: "Bone (window 2000, level 300)" });
  await expect(overlay(page)).toContainText("Window 2000 / Level 300");
  await preset.selectOption({ label: "As the image was saved" });
  await expect(overlay(page)).toContainText("Window 400 / Level 40");
  // The overlay says so at once; the picture follows with the next frame drawn.
  await expect.poll(async () => (await canvasPicture(page)).hash).toBe(original.hash);

  // Inverting turns the grey at a point into its opposite; turning it back restores it.
  const grey = await canvasGrey(page, 0.5, 0.45);
  const invert = page.getByRole("button", { name: "Invert" });
  await invert.click();
  await expect(invert).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => canvasGrey(page, 0.5, 0.45)).toBeGreaterThanOrEqual(254 - grey);
  expect(await canvasGrey(page, 0.5, 0.45)).toBeLessThanOrEqual(256 - grey);
  await invert.click();
  await expect(invert).toHaveAttribute("aria-pressed", "false");
  await expect.poll(async () => (await canvasPicture(page)).hash).toBe(original.hash);

  // Flipping left-right mirrors the picture about its middle.
  const left = await canvasGrey(page, 0.4, 0.6);
  const flip = page.getByRole("button", { name: "Flip left-right" });
  await flip.click();
  await expect(flip).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => canvasGrey(page, 0.6, 0.6)).toBe(left);

  await page.getByRole("button", { name: "Rotate" }).click();
  await page.getByRole("button", { name: "Zoom", exact: true }).click();
  await expect(page.getByRole("button", { name: "Zoom", exact: true })).toHaveAttribute("aria-pressed", "true");
  await drag(page, [0.5, 0.5], [0.5, 0.2]);
  await expect(overlay(page)).not.toContainText("Zoom 100%");
  await preset.selectOption({ label: "Brain (window 80, level 40)" });
  await expect(overlay(page)).toContainText("Window 80 / Level 40");

  await page.getByRole("button", { name: "Reset" }).click();
  await expect(overlay(page)).toContainText("Zoom 100%");
  await expect(overlay(page)).toContainText("Window 400 / Level 40");
  await expect(flip).toHaveAttribute("aria-pressed", "false");
  await expect.poll(async () => (await canvasPicture(page)).hash).toBe(original.hash);

  // Dragging with the brightness tool changes the window.
  await page.getByRole("button", { name: "Brightness" }).click();
  await drag(page, [0.5, 0.5], [0.7, 0.6]);
  await expect(overlay(page)).not.toContainText("Window 400 / Level 40");
});

test("a length reads in millimetres and an angle in degrees", async ({ page }) => {
  const { reference } = await patientWithCt(page);
  await openViewer(page, reference.studyInstanceUid);
  // The status line changes while the series loads; measure once the layout is still.
  await expect(page.getByText(`All ${SLICES} images loaded`)).toBeVisible();
  await page.getByRole("button", { name: "Length" }).click();
  const box = await imageBox(page);
  await drag(page, [0.3, 0.5], [0.7, 0.5], box);
  // The image fits the view: millimetres per screen pixel follow from its size and pixel spacing.
  const [rowSpacing, columnSpacing] = reference.spacing;
  const millimetresPerPixel = 1 / Math.min(box.width / (reference.columns * columnSpacing), box.height / (reference.rows * rowSpacing));
  const expected = 0.4 * box.width * millimetresPerPixel;
  const length = page.getByText(/^Length 1: [\d.]+ mm$/);
  await expect(length).toBeVisible();
  const relativeError = async () => Math.abs(Number(/([\d.]+) mm/.exec((await length.textContent())!)![1]) - expected) / expected;
  await expect.poll(relativeError).toBeLessThan(0.03);

  // An angle: press at one end, drag to the corner and let go, then move to the other end and click.
  await page.getByRole("button", { name: "Angle" }).click();
  const frame = await imageBox(page);
  const point = (x: number, y: number) => [frame.x + frame.width * x, frame.y + frame.height * y] as const;
  await page.mouse.move(...point(0.3, 0.15));
  await page.mouse.down();
  await page.mouse.move(...point(0.5, 0.15), { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(...point(0.5, 0.15 + (0.2 * frame.width) / frame.height), { steps: 8 });
  await page.mouse.down();
  await page.mouse.up();
  await expect(page.getByText(/^Angle 1: (89\.\d|90\.\d)°$/)).toBeVisible();

  await page.getByRole("button", { name: "Remove all measurements" }).click();
  await expect(page.getByRole("heading", { name: "Measurements" })).toBeHidden();
});

test("cine plays the series and stops", async ({ page }) => {
  const { reference } = await patientWithCt(page);
  await openViewer(page, reference.studyInstanceUid);
  await page.getByLabel("Speed").selectOption("20");
  await page.getByRole("button", { name: "Play" }).click();
  const slider = page.getByRole("slider");
  await expect.poll(async () => Number(await slider.inputValue())).toBeGreaterThan(3);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  const stoppedAt = await slider.inputValue();
  // Stopped means nothing moves: at 20 images a second, half a second would show ten.
  await page.waitForTimeout(500);
  expect(await slider.inputValue()).toBe(stoppedAt);
  await expect(announcement(page)).toHaveText(`Image ${stoppedAt} of ${SLICES}`);
});

test("the synthetic CT opens in three planes", async ({ page }) => {
  const { reference } = await patientWithCt(page);
  await openViewer(page, reference.studyInstanceUid);
  const mpr = page.getByRole("button", { name: "Three planes (MPR)" });
  await mpr.click();
  await expect(mpr).toHaveAttribute("aria-pressed", "true");
  for (const [index, plane] of ["Axial", "Sagittal", "Coronal"].entries()) {
    await expect(page.getByText(plane, { exact: true })).toBeVisible();
    await expect.poll(async () => (await canvasPicture(page, index)).lit).toBeGreaterThan(500);
  }
  await expect(page.getByRole("slider", { name: /^Axial slice \d+ of 20$/ })).toBeVisible();
  await expect(page.getByRole("slider", { name: /^Sagittal slice \d+ of \d+$/ })).toBeVisible();
  await expect(page.getByText(`All ${SLICES} images loaded`)).toBeVisible();

  const axial = page.getByRole("slider", { name: /^Axial slice/ });
  await axial.fill("3");
  await expect(axial).toHaveAccessibleName("Axial slice 3 of 20");
  await expectNoAccessibilityViolations(page);

  await mpr.click();
  await expect(mpr).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("slider", { name: /^Image 1 of 20$/ })).toBeVisible();
});

test("an image that cannot be shown says so in plain words, and the others still open", async ({ page }) => {
  // A JPEG 2000 image whose codestream was damaged after it was stored: the header reads, the picture does not.
  const damaged = test.info().outputPath("damaged-jpeg2000.dcm");
  copyFileSync(path.join(PYDICOM_FILES, "JPEG2000.dcm"), damaged);
  const bytes = readFileSync(damaged);
  const start = bytes.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  bytes.fill(0, start, start + 64);
  writeFileSync(damaged, bytes);
  const account = await createPatientAccount();
  await holdFilesFor(account, [damaged]);
  await signInWithSession(page, account);
  const reference = referencePixels([path.join(PYDICOM_FILES, "JPEG2000.dcm")])[0] as Reference;
  await page.goto(`/viewer/${reference.studyInstanceUid}`);
  await expect(page.getByRole("alert").filter({ hasText: "This image could not be shown" })).toBeVisible();
  await expect(page.getByText("Opening the image…")).toBeHidden();
  await expectNoAccessibilityViolations(page);

  // When the connection fails instead, the message says what to do about that.
  const ct = await patientWithCt(page);
  await page.route("**/frames/**", (route) => route.fulfill({ status: 503, body: "" }));
  await openViewer(page, ct.reference.studyInstanceUid);
  await expect(page.getByRole("alert").filter({ hasText: "This image could not be loaded. Check your internet connection" })).toBeVisible();
  await page.unroute("**/frames/**");
  await image(page).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("alert").filter({ hasText: "could not" })).toBeHidden();
  await expectImage(page, 2);
});

test("the viewer passes axe with its tools open, on a desktop screen", async ({ page }) => {
  const { reference } = await patientWithCt(page);
  await openViewer(page, reference.studyInstanceUid);
  await expect(page.getByText(`All ${SLICES} images loaded`)).toBeVisible();
  await page.getByRole("button", { name: "Length" }).click();
  await drag(page, [0.3, 0.5], [0.6, 0.5]);
  await expect(page.getByText(/^Length 1: /)).toBeVisible();
  await expectNoAccessibilityViolations(page);
  // The controls and the image are reached with the keyboard, in reading order.
  await page.getByRole("button", { name: "Brightness" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Move", exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Three planes (MPR)" }).focus();
  await page.keyboard.press("Tab");
  await expect(image(page)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("slider")).toBeFocused();
});
