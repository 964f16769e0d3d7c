import { Enums, eventTarget, imageLoader, imageLoadPoolManager, type Types } from "@cornerstonejs/core";
import { ToolGroupManager, utilities as toolUtilities, type Types as ToolTypes } from "@cornerstonejs/tools";
import { viewerEngine } from "./engine";
import { imageFailureMessage } from "./image-failure";
import { milestone } from "../milestone";
import { listen } from "./listen";
import { onMeasurementsChanged, readMeasurements, removeMeasurements, type Measurement } from "./measurements";
import { Observable } from "./observable";
import { chooseTool, createToolGroup, type ViewerTool } from "./tool-group";
import { applyWindow, flip, readView, resetView, rotate, toggleInvert, type ViewSettings } from "./view-actions";
import type { WindowPreset } from "../window-presets";

// One series shown as a stack: the image on screen, paging, cine, the toolbar's actions, and every
// image of the series loaded into the cache in the background (the progress the page shows).
// It is made with the page's state and attached to the screen while its element is mounted.

export type StackState = ViewSettings & {
  index: number;
  count: number;
  /** An image has reached the screen. */
  drawn: boolean;
  /** Images loaded and decoded, ready to show at once. */
  ready: number;
  unreadable: number;
  /** Why the image the viewer is on cannot be shown. */
  failure?: string;
  playing: boolean;
  measurements: Measurement[];
};

type Attachment = { element: HTMLDivElement; viewport: Types.IStackViewport; toolGroup: ToolTypes.IToolGroup };

const VIEWPORT_ID = "carrier-stack";
const TOOL_GROUP_ID = "carrier-stack-tools";
const PROGRESS_MS = 250;

const initialState = (count: number): StackState => ({
  index: 0,
  count,
  drawn: false,
  ready: 0,
  unreadable: 0,
  playing: false,
  measurements: [],
  zoom: 1,
  rotation: 0,
  invert: false,
  flipHorizontal: false,
  flipVertical: false,
});

export class StackDisplay extends Observable<StackState> {
  readonly kind = "stack";
  private attachment: Attachment | null = null;
  private tool: ViewerTool = "windowLevel";

  constructor(private readonly imageIds: readonly string[]) {
    super(initialState(imageIds.length));
  }

  /** Shows the first image, then loads the rest in the background; the returned function lets go. */
  attach(element: HTMLDivElement): () => void {
    // React's StrictMode attaches, lets go and attaches again at once (in development): starting a
    // frame later keeps the first, discarded attachment from loading into the same element.
    let detach: (() => void) | undefined;
    const frame = requestAnimationFrame(() => (detach = this.start(element)));
    return () => {
      cancelAnimationFrame(frame);
      detach?.();
    };
  }

  private start(element: HTMLDivElement): () => void {
    const engine = viewerEngine();
    this.replace(initialState(this.imageIds.length));
    engine.enableElement({ viewportId: VIEWPORT_ID, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] } });
    const viewport = engine.getViewport<Types.IStackViewport>(VIEWPORT_ID);
    milestone("stack attached");
    const attachment: Attachment = { element, viewport, toolGroup: createToolGroup(TOOL_GROUP_ID, engine.id, [VIEWPORT_ID], this.tool) };
    this.attachment = attachment;
    const cleanups = [
      listen(element, Enums.Events.STACK_NEW_IMAGE, (detail: Types.EventTypes.StackNewImageEventDetail) => {
        milestone("first image");
        const view = readView(viewport);
        // A codestream that decodes into nothing usable leaves no range of values to show.
        const unusable = view.voi !== undefined && !(Number.isFinite(view.voi.width) && Number.isFinite(view.voi.center));
        this.update({ index: detail.imageIdIndex, failure: unusable ? imageFailureMessage(new Error(`${detail.imageId} decoded without usable values`)) : undefined, drawn: true, ...view });
      }),
      listen(element, Enums.Events.VOI_MODIFIED, () => this.update(readView(viewport))),
      listen(element, Enums.Events.CAMERA_MODIFIED, () => this.update(readView(viewport))),
      listen(eventTarget, Enums.Events.IMAGE_LOAD_ERROR, (detail: { imageId?: string; error?: unknown }) => {
        const target = viewport.getTargetImageIdIndex();
        if (detail.imageId !== undefined && detail.imageId === this.imageIds[target]) this.update({ index: target, failure: imageFailureMessage(detail.error) });
      }),
      onMeasurementsChanged(() => this.update({ measurements: readMeasurements(element) })),
    ];
    // A failure reaches the page through IMAGE_LOAD_ERROR, not through this promise.
    void viewport.setStack([...this.imageIds], 0).catch(() => undefined);
    // The rest of the series loads alongside the first image, not after it: the first frame is
    // usually in the browser's cache already (warm-first-frame.ts), and the first image's request
    // goes ahead of the background ones in cornerstone's queue.
    this.cacheAll(attachment);
    return () => {
      this.attachment = null;
      if (this.getSnapshot().playing) toolUtilities.cine.stopClip(element);
      imageLoadPoolManager.clearRequestStack(Enums.RequestType.Prefetch);
      for (const cleanup of cleanups) cleanup();
      ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
      engine.disableElement(VIEWPORT_ID);
    };
  }

  private cacheAll(attachment: Attachment): void {
    let ready = 0;
    let unreadable = 0;
    let reported: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      reported = undefined;
      if (this.attachment === attachment) this.update({ ready, unreadable });
    };
    for (const imageId of this.imageIds) {
      const load = async () => {
        if (this.attachment !== attachment) return;
        try {
          await imageLoader.loadAndCacheImage(imageId, { ...attachment.viewport.getLoaderImageOptions(imageId), requestType: Enums.RequestType.Prefetch, priority: 0 });
          ready++;
        } catch {
          unreadable++;
        }
        // The page shows progress a few times a second, and the end at once: redrawing it for every
        // image took the page's main thread from the images themselves.
        if (ready + unreadable === this.imageIds.length) {
          clearTimeout(reported);
          report();
        } else reported ??= setTimeout(report, PROGRESS_MS);
      };
      imageLoadPoolManager.addRequest(load, Enums.RequestType.Prefetch, { imageId }, 0);
    }
  }

  goTo(index: number): void {
    const viewport = this.attachment?.viewport;
    if (!viewport) return;
    const target = Math.min(this.imageIds.length - 1, Math.max(0, Math.round(index)));
    if (target === viewport.getTargetImageIdIndex() && !this.getSnapshot().failure) return;
    viewport.setImageIdIndex(target).catch(() => undefined);
  }

  play(framesPerSecond: number): void {
    if (!this.attachment) return;
    toolUtilities.cine.playClip(this.attachment.element, { framesPerSecond, loop: true });
    this.update({ playing: true });
  }

  stop(): void {
    if (this.attachment) toolUtilities.cine.stopClip(this.attachment.element);
    this.update({ playing: false });
  }

  chooseTool(tool: ViewerTool): void {
    this.tool = tool;
    if (this.attachment) chooseTool(this.attachment.toolGroup, tool);
  }

  applyWindow(preset: WindowPreset | "image-default"): void {
    this.act((viewport) => applyWindow([viewport], preset));
  }

  toggleInvert(): void {
    this.act((viewport) => toggleInvert([viewport]));
  }

  flip(direction: "horizontal" | "vertical"): void {
    this.act((viewport) => flip([viewport], direction));
  }

  rotate(): void {
    this.act((viewport) => rotate([viewport]));
  }

  resetView(): void {
    this.act((viewport) => resetView([viewport]));
  }

  clearMeasurements(): void {
    if (!this.attachment) return;
    removeMeasurements(this.attachment.element);
    this.attachment.viewport.render();
  }

  private act(action: (viewport: Types.IStackViewport) => void): void {
    const viewport = this.attachment?.viewport;
    if (!viewport) return;
    action(viewport);
    this.update(readView(viewport));
  }
}
