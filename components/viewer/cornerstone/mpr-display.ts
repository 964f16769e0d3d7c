import { cache, Enums, eventTarget, setVolumesForViewports, utilities, volumeLoader, type RenderingEngine, type Types } from "@cornerstonejs/core";
import { ToolGroupManager, type Types as ToolTypes } from "@cornerstonejs/tools";
import { viewerEngine } from "./engine";
import { IMAGE_FAILED } from "./image-failure";
import { listen } from "./listen";
import { onMeasurementsChanged, readMeasurements, removeMeasurements, type Measurement } from "./measurements";
import { Observable } from "./observable";
import { chooseTool, createToolGroup, type ViewerTool } from "./tool-group";
import { applyWindow, flip, readView, resetView, rotate, toggleInvert, type ViewSettings } from "./view-actions";
import type { WindowPreset } from "../window-presets";

// A CT or MR series resliced into three planes (multiplanar reconstruction): its slices become one
// volume, shown axial, sagittal and coronal side by side, each paged on its own.

export const PLANES = [
  { id: "axial", label: "Axial", orientation: Enums.OrientationAxis.AXIAL },
  { id: "sagittal", label: "Sagittal", orientation: Enums.OrientationAxis.SAGITTAL },
  { id: "coronal", label: "Coronal", orientation: Enums.OrientationAxis.CORONAL },
] as const;

export type PlaneState = { index: number; count: number };

export type MprState = ViewSettings & {
  planes: PlaneState[];
  /** The plane that moved last, for the announcement. */
  lastMoved: number;
  ready: number;
  count: number;
  drawn: boolean;
  failure?: string;
  measurements: Measurement[];
};

type Attachment = { elements: readonly HTMLDivElement[]; viewports: Types.IVolumeViewport[]; toolGroup: ToolTypes.IToolGroup; engine: RenderingEngine };

const TOOL_GROUP_ID = "carrier-mpr-tools";
const VIEWPORT_IDS = PLANES.map((plane) => `carrier-mpr-${plane.id}`);

const initialState = (count: number): MprState => ({
  planes: PLANES.map(() => ({ index: 0, count: 0 })),
  lastMoved: 0,
  ready: 0,
  count,
  drawn: false,
  measurements: [],
  zoom: 1,
  rotation: 0,
  invert: false,
  flipHorizontal: false,
  flipVertical: false,
});

export class MprDisplay extends Observable<MprState> {
  readonly kind = "mpr";
  private attachment: Attachment | null = null;
  private tool: ViewerTool = "windowLevel";
  private readonly volumeId: string;

  constructor(
    private readonly imageIds: readonly string[],
    seriesInstanceUid: string,
  ) {
    super(initialState(imageIds.length));
    this.volumeId = `cornerstoneStreamingImageVolume:${seriesInstanceUid}`;
  }

  /** Builds the volume and shows its three planes; the returned function lets go. */
  attach(elements: readonly HTMLDivElement[]): () => void {
    // React's StrictMode attaches, lets go and attaches again at once (in development): starting a
    // frame later keeps the first, discarded attachment from loading into the same element.
    let detach: (() => void) | undefined;
    const frame = requestAnimationFrame(() => (detach = this.start(elements)));
    return () => {
      cancelAnimationFrame(frame);
      detach?.();
    };
  }

  private start(elements: readonly HTMLDivElement[]): () => void {
    const engine = viewerEngine();
    this.replace(initialState(this.imageIds.length));
    const viewports = PLANES.map((plane, index) => {
      engine.enableElement({ viewportId: VIEWPORT_IDS[index]!, type: Enums.ViewportType.ORTHOGRAPHIC, element: elements[index]!, defaultOptions: { orientation: plane.orientation, background: [0, 0, 0] } });
      return engine.getViewport<Types.IVolumeViewport>(VIEWPORT_IDS[index]!);
    });
    const attachment: Attachment = { elements, viewports, engine, toolGroup: createToolGroup(TOOL_GROUP_ID, engine.id, VIEWPORT_IDS, this.tool) };
    this.attachment = attachment;
    const cleanups = [
      ...elements.flatMap((element) => [listen(element, Enums.Events.CAMERA_MODIFIED, () => this.refresh()), listen(element, Enums.Events.VOI_MODIFIED, () => this.refresh())]),
      listen(eventTarget, Enums.Events.IMAGE_VOLUME_MODIFIED, (detail: { volumeId: string; framesProcessed: number }) => {
        if (detail.volumeId === this.volumeId) this.update({ ready: detail.framesProcessed });
      }),
      onMeasurementsChanged(() => this.update({ measurements: elements.flatMap(readMeasurements) })),
    ];
    void this.show(attachment);
    return () => {
      this.attachment = null;
      for (const cleanup of cleanups) cleanup();
      ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
      for (const id of VIEWPORT_IDS) engine.disableElement(id);
    };
  }

  private async show(attachment: Attachment): Promise<void> {
    try {
      // The slices already loaded for the stack are reused from the cache.
      const volume = cache.getVolume(this.volumeId) ?? (await volumeLoader.createAndCacheVolume(this.volumeId, { imageIds: [...this.imageIds] }));
      if (this.attachment !== attachment) return;
      volume.load(() => undefined);
      await setVolumesForViewports(attachment.engine, [{ volumeId: this.volumeId }], VIEWPORT_IDS);
      if (this.attachment !== attachment) return;
      attachment.engine.renderViewports(VIEWPORT_IDS);
      this.update({ drawn: true });
      this.refresh();
    } catch (error) {
      console.warn("Carrier viewer: the series could not be made into a volume", error);
      if (this.attachment === attachment) this.update({ failure: IMAGE_FAILED });
    }
  }

  private refresh(): void {
    const viewports = this.attachment?.viewports;
    if (!viewports) return;
    const previous = this.getSnapshot();
    const planes = viewports.map((viewport) => ({ index: viewport.getSliceIndex(), count: viewport.getNumberOfSlices() }));
    const moved = planes.findIndex((plane, index) => plane.index !== previous.planes[index]?.index);
    this.update({ ...readView(viewports[0]!), planes, lastMoved: moved === -1 ? previous.lastMoved : moved });
  }

  goTo(plane: number, index: number): void {
    const element = this.attachment?.elements[plane];
    if (element) void utilities.jumpToSlice(element, { imageIndex: Math.round(index) });
  }

  chooseTool(tool: ViewerTool): void {
    this.tool = tool;
    if (this.attachment) chooseTool(this.attachment.toolGroup, tool);
  }

  applyWindow(preset: WindowPreset | "image-default"): void {
    this.act((viewports) => applyWindow(viewports, preset));
  }

  toggleInvert(): void {
    this.act(toggleInvert);
  }

  flip(direction: "horizontal" | "vertical"): void {
    this.act((viewports) => flip(viewports, direction));
  }

  rotate(): void {
    this.act(rotate);
  }

  resetView(): void {
    this.act(resetView);
  }

  clearMeasurements(): void {
    if (!this.attachment) return;
    for (const element of this.attachment.elements) removeMeasurements(element);
    this.attachment.engine.renderViewports(VIEWPORT_IDS);
  }

  private act(action: (viewports: Types.IVolumeViewport[]) => void): void {
    if (!this.attachment) return;
    action(this.attachment.viewports);
    this.refresh();
  }
}
