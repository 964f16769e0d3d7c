import { eventTarget } from "@cornerstonejs/core";
import { annotation, AngleTool, Enums as ToolEnums, LengthTool, type Types as ToolTypes } from "@cornerstonejs/tools";

// The lengths and angles drawn on the images, as the list beside the viewer reads them out.

export type Measurement = { uid: string; text: string };

type Stats = { length?: number | null; unit?: string | null; angle?: number | string | null };

function describe(entry: ToolTypes.Annotation, index: number): string | undefined {
  const stats = Object.values((entry.data as { cachedStats?: Record<string, Stats> }).cachedStats ?? {})[0];
  if (!stats) return undefined;
  if (entry.metadata?.toolName === LengthTool.toolName && typeof stats.length === "number") {
    const unit = stats.unit === "mm" ? "mm" : stats.unit === "px" || !stats.unit ? "pixels (this image does not record its size)" : stats.unit;
    return `Length ${index}: ${stats.length.toFixed(1)} ${unit}`;
  }
  if (entry.metadata?.toolName === AngleTool.toolName && typeof stats.angle === "number") return `Angle ${index}: ${stats.angle.toFixed(1)}°`;
  return undefined;
}

export function readMeasurements(element: HTMLDivElement): Measurement[] {
  const found: Measurement[] = [];
  for (const toolName of [LengthTool.toolName, AngleTool.toolName]) {
    (annotation.state.getAnnotations(toolName, element) ?? []).forEach((entry, index) => {
      const text = describe(entry, index + 1);
      if (text && entry.annotationUID) found.push({ uid: entry.annotationUID, text });
    });
  }
  return found;
}

export function removeMeasurements(element: HTMLDivElement): void {
  for (const toolName of [LengthTool.toolName, AngleTool.toolName]) {
    for (const entry of annotation.state.getAnnotations(toolName, element) ?? []) if (entry.annotationUID) annotation.state.removeAnnotation(entry.annotationUID);
  }
}

const CHANGES = [ToolEnums.Events.ANNOTATION_COMPLETED, ToolEnums.Events.ANNOTATION_MODIFIED, ToolEnums.Events.ANNOTATION_REMOVED];

export function onMeasurementsChanged(listener: () => void): () => void {
  for (const event of CHANGES) eventTarget.addEventListener(event, listener);
  return () => {
    for (const event of CHANGES) eventTarget.removeEventListener(event, listener);
  };
}
