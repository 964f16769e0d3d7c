import { getRenderingEngine, RenderingEngine } from "@cornerstonejs/core";
import { startCornerstone } from "./start";

// One rendering engine for the viewer on the page (WebGL contexts are scarce), made when the first
// image needs it and let go when the viewer leaves the page.

const ENGINE_ID = "carrier-viewer";

export function viewerEngine(): RenderingEngine {
  startCornerstone();
  return getRenderingEngine(ENGINE_ID) ?? new RenderingEngine(ENGINE_ID);
}

export function releaseViewerEngine(): void {
  getRenderingEngine(ENGINE_ID)?.destroy();
}
