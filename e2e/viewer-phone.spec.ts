import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/axe";
import { createPatientAccount } from "./support/accounts";
import { syntheticCtFolder } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";
import { signInAsPatient } from "./support/sign-in";
import { canvasPicture, openViewer, referencePixels, type Reference } from "./support/viewer";

// The viewer on a phone (Pixel 7): one finger does what the chosen tool does (brightness, or
// paging through the images), two fingers pinch to zoom and move the picture together, and axe
// finds nothing at this width. Touches are real touch events, sent through the DevTools protocol
// (Playwright's touchscreen taps with one finger only).

type Point = [number, number];

async function touch(cdp: CDPSession, page: Page, fingers: { from: Point; to: Point }[]) {
  await page.getByRole("application").evaluate((element) => element.scrollIntoView({ block: "center" }));
  const box = (await page.getByRole("application").boundingBox())!;
  const at = (point: Point, step: number, steps: number, to: Point) => ({
    x: box.x + box.width * (point[0] + ((to[0] - point[0]) * step) / steps),
    y: box.y + box.height * (point[1] + ((to[1] - point[1]) * step) / steps),
  });
  const steps = 10;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers.map((finger) => at(finger.from, 0, steps, finger.to)) });
  for (let step = 1; step <= steps; step++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers.map((finger) => at(finger.from, step, steps, finger.to)) });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

test("touch gestures adjust, page through, zoom and move the image on a phone, and axe finds nothing", async ({ page }) => {
  const ct = syntheticCtFolder(12);
  const account = await createPatientAccount();
  await holdFilesFor(account, ct.files.map((file) => file.path));
  const reference = referencePixels([ct.files[0]!.path])[0] as Reference;
  await signInAsPatient(page, account.email);
  await openViewer(page, reference.studyInstanceUid);
  await expect(page.getByText("All 12 images loaded")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const overlay = page.getByTestId("image-overlay");
  const cdp = await page.context().newCDPSession(page);

  // One finger, brightness chosen: the window changes.
  await expect(overlay).toContainText("Window 400 / Level 40");
  await touch(cdp, page, [{ from: [0.5, 0.5], to: [0.8, 0.7] }]);
  await expect(overlay).not.toContainText("Window 400 / Level 40");

  // One finger, scrolling chosen: the next images come.
  await page.getByRole("button", { name: "Scroll" }).click();
  await touch(cdp, page, [{ from: [0.5, 0.3], to: [0.5, 0.8] }]);
  await expect(overlay).not.toContainText("Image 1 of 12");
  await expect(page.locator("[aria-live=polite]").filter({ hasText: /^Image \d+ of 12$/ })).not.toHaveText("Image 1 of 12");

  // Two fingers apart: zoom in.
  await expect(overlay).toContainText("Zoom 100%");
  await touch(cdp, page, [
    { from: [0.45, 0.5], to: [0.2, 0.5] },
    { from: [0.55, 0.5], to: [0.8, 0.5] },
  ]);
  await expect(overlay).not.toContainText("Zoom 100%");
  const zoom = Number(/Zoom (\d+)%/.exec((await overlay.textContent())!)![1]);
  expect(zoom).toBeGreaterThan(100);

  // Two fingers together in one direction: the picture moves, at the same size.
  const before = await canvasPicture(page);
  await touch(cdp, page, [
    { from: [0.4, 0.4], to: [0.4, 0.7] },
    { from: [0.6, 0.4], to: [0.6, 0.7] },
  ]);
  await expect.poll(async () => (await canvasPicture(page)).hash).not.toBe(before.hash);
  const after = Number(/Zoom (\d+)%/.exec((await overlay.textContent())!)![1]);
  expect(Math.abs(after - zoom) / zoom).toBeLessThan(0.1);

  await page.getByRole("button", { name: "Reset" }).click();
  await expect(overlay).toContainText("Zoom 100%");
  await expectNoAccessibilityViolations(page);
});
