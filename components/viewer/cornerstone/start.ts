import { cornerstoneStreamingImageVolumeLoader, Enums, imageRetrievalPoolManager, init as initCore, volumeLoader } from "@cornerstonejs/core";
import { init as initImageLoader } from "@cornerstonejs/dicom-image-loader";
import { addTool, AngleTool, init as initTools, LengthTool, PanTool, StackScrollTool, WindowLevelTool, ZoomTool } from "@cornerstonejs/tools";
import { frameRequestHeaders } from "./frame-request";

// Cornerstone starts once per page, in one fixed order: rendering core, the DICOM image loader (its
// decoders run in web workers, with WebAssembly codecs), the volume loader for MPR, then the tools.
// React's StrictMode runs effects twice; cornerstone's state is global, so the second call returns.

let started = false;

export function startCornerstone(): void {
  if (started) return;
  started = true;
  initCore();
  // A browser sends six requests at a time to one server and queues the rest in order: a whole
  // series asked for at once would put an image the patient pages to behind all of it. A few more
  // than six in flight keep the connections busy; the rest wait in cornerstone's queue, where the
  // image on screen goes first.
  imageRetrievalPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Prefetch, 8);
  // One core stays free for the page itself; more than four decoders only compete for memory.
  initImageLoader({ maxWebWorkers: Math.min(4, Math.max(1, (navigator.hardwareConcurrency || 2) - 1)), beforeSend: (_request, imageId) => frameRequestHeaders(imageId) });
  // The loader's declared options are narrower than the registry's; it is cornerstone's own pairing.
  volumeLoader.registerVolumeLoader("cornerstoneStreamingImageVolume", cornerstoneStreamingImageVolumeLoader as unknown as Parameters<typeof volumeLoader.registerVolumeLoader>[1]);
  initTools();
  for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool]) addTool(tool);
}
