import { utilities, type Types } from "@cornerstonejs/core";
import type { WindowPreset } from "../window-presets";

// What the toolbar does to the picture, the same for the single stack and the three MPR planes.

export type PlanarViewport = Types.IStackViewport | Types.IVolumeViewport;

export type ViewSettings = {
  voi?: { width: number; center: number };
  /** 1 = the image fits the view. */
  zoom: number;
  rotation: number;
  invert: boolean;
  flipHorizontal: boolean;
  flipVertical: boolean;
};

type DisplayProperties = { voiRange?: Types.VOIRange; invert?: boolean };

const propertiesOf = (viewport: PlanarViewport): DisplayProperties => viewport.getProperties() ?? {};

export function readView(viewport: PlanarViewport): ViewSettings {
  const { voiRange, invert } = propertiesOf(viewport);
  const camera = viewport.getCamera();
  const voi = voiRange ? utilities.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper) : undefined;
  return {
    voi: voi ? { width: voi.windowWidth, center: voi.windowCenter } : undefined,
    zoom: viewport.getZoom(),
    rotation: viewport.getViewPresentation().rotation ?? 0,
    invert: invert ?? false,
    flipHorizontal: camera.flipHorizontal ?? false,
    flipVertical: camera.flipVertical ?? false,
  };
}

/** A preset, or the image's own window (from its header, else its darkest to brightest pixel). */
export function applyWindow(viewports: readonly PlanarViewport[], preset: WindowPreset | "image-default"): void {
  for (const viewport of viewports) {
    if (preset === "image-default") {
      const { invert = false } = propertiesOf(viewport);
      viewport.resetProperties();
      if ((propertiesOf(viewport).invert ?? false) !== invert) viewport.setProperties({ invert });
    } else {
      viewport.setProperties({ voiRange: utilities.windowLevel.toLowHighRange(preset.width, preset.center) });
    }
    viewport.render();
  }
}

export function toggleInvert(viewports: readonly PlanarViewport[]): void {
  for (const viewport of viewports) {
    viewport.setProperties({ invert: !propertiesOf(viewport).invert });
    viewport.render();
  }
}

export function flip(viewports: readonly PlanarViewport[], direction: "horizontal" | "vertical"): void {
  for (const viewport of viewports) {
    const camera = viewport.getCamera();
    viewport.setCamera(direction === "horizontal" ? { flipHorizontal: !camera.flipHorizontal } : { flipVertical: !camera.flipVertical });
    viewport.render();
  }
}

/** A quarter turn clockwise. */
export function rotate(viewports: readonly PlanarViewport[]): void {
  for (const viewport of viewports) {
    viewport.setViewPresentation({ rotation: ((viewport.getViewPresentation().rotation ?? 0) + 90) % 360 });
    viewport.render();
  }
}

export function resetView(viewports: readonly PlanarViewport[]): void {
  for (const viewport of viewports) {
    viewport.resetCamera();
    viewport.setViewPresentation({ rotation: 0 });
    viewport.resetProperties();
    viewport.render();
  }
}
