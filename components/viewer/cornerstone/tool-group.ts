import { AngleTool, Enums as ToolEnums, LengthTool, PanTool, StackScrollTool, ToolGroupManager, WindowLevelTool, ZoomTool, type Types as ToolTypes } from "@cornerstonejs/tools";

// Which tool answers which gesture. The chosen tool takes the left button and a one-finger drag;
// the others stay on their own gestures: right drag and pinch zoom (two fingers also pan), middle
// drag pans, the wheel pages through the images. Measurements stay visible and editable when
// another tool is chosen.

export type ViewerTool = "windowLevel" | "pan" | "zoom" | "scroll" | "length" | "angle";

// Each tool class names itself in a static field (declared `any` on some of them).
const TOOL_NAMES: Record<ViewerTool, string> = {
  windowLevel: WindowLevelTool.toolName as string,
  pan: PanTool.toolName as string,
  zoom: ZoomTool.toolName as string,
  scroll: StackScrollTool.toolName as string,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
};

const { MouseBindings } = ToolEnums;
const PRIMARY = [{ mouseButton: MouseBindings.Primary }];

export function createToolGroup(id: string, renderingEngineId: string, viewportIds: readonly string[], tool: ViewerTool): ToolTypes.IToolGroup {
  ToolGroupManager.destroyToolGroup(id);
  const group = ToolGroupManager.createToolGroup(id);
  if (!group) throw new Error(`Tool group ${id} could not be created`);
  for (const name of Object.values(TOOL_NAMES)) group.addTool(name);
  group.setToolConfiguration(TOOL_NAMES.zoom, { pinchToZoom: true, pan: true });
  group.setToolActive(TOOL_NAMES.zoom, { bindings: [{ mouseButton: MouseBindings.Secondary }, { numTouchPoints: 2 }] });
  group.setToolActive(TOOL_NAMES.pan, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.setToolActive(TOOL_NAMES.scroll, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  group.setToolPassive(TOOL_NAMES.length);
  group.setToolPassive(TOOL_NAMES.angle);
  group.setToolActive(TOOL_NAMES[tool], { bindings: PRIMARY });
  for (const viewportId of viewportIds) group.addViewport(viewportId, renderingEngineId);
  return group;
}

export function chooseTool(group: ToolTypes.IToolGroup, tool: ViewerTool): void {
  const current = group.getActivePrimaryMouseButtonTool();
  if (current === TOOL_NAMES[tool]) return;
  if (current) group.setToolPassive(current);
  group.setToolActive(TOOL_NAMES[tool], { bindings: PRIMARY });
}
