"use client";

import type { ReactNode } from "react";
import type { ViewerTool } from "./cornerstone/tool-group";
import type { ViewSettings } from "./cornerstone/view-actions";
import { IMAGE_DEFAULT, WINDOW_PRESETS } from "./window-presets";

// The viewer's controls, in groups: what a drag (or one finger) does, how the picture is turned and
// shaded, brightness presets, playing the images as a film, and the three-plane view. Every control
// is a real button or select with a visible name; toggles say whether they are on (aria-pressed).

export type ToolbarActions = {
  chooseTool: (tool: ViewerTool) => void;
  applyWindow: (presetId: string) => void;
  rotate: () => void;
  flip: (direction: "horizontal" | "vertical") => void;
  toggleInvert: () => void;
  resetView: () => void;
};

const TOOLS: { tool: ViewerTool; label: string }[] = [
  { tool: "windowLevel", label: "Brightness" },
  { tool: "pan", label: "Move" },
  { tool: "zoom", label: "Zoom" },
  { tool: "scroll", label: "Scroll" },
  { tool: "length", label: "Length" },
  { tool: "angle", label: "Angle" },
];

export const FRAME_RATES = [5, 10, 15, 20, 30] as const;

const BUTTON = "min-h-11 rounded-lg border-2 px-2.5 py-1 text-sm font-semibold";
const OFF = "border-line-strong bg-surface text-ink hover:bg-brand-soft";
const ON = "border-brand bg-brand text-white";

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1.5">
      {children}
    </div>
  );
}

type Props = {
  actions: ToolbarActions;
  tool: ViewerTool;
  view: ViewSettings;
  windowPreset: string;
  cine?: { playing: boolean; framesPerSecond: number; onPlay: () => void; onStop: () => void; onRate: (framesPerSecond: number) => void };
  mpr?: { on: boolean; onToggle: () => void };
};

export function ViewerToolbar({ actions, tool, view, windowPreset, cine, mpr }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border border-line bg-surface p-2">
      <Group label="What dragging on the image does">
        {TOOLS.map((entry) => (
          <button key={entry.tool} type="button" aria-pressed={tool === entry.tool} onClick={() => actions.chooseTool(entry.tool)} className={`${BUTTON} ${tool === entry.tool ? ON : OFF}`}>
            {entry.label}
          </button>
        ))}
      </Group>
      <Group label="Turn and shade the image">
        <button type="button" onClick={actions.rotate} className={`${BUTTON} ${OFF}`}>
          Rotate
        </button>
        <button type="button" aria-pressed={view.flipHorizontal} onClick={() => actions.flip("horizontal")} className={`${BUTTON} ${view.flipHorizontal ? ON : OFF}`}>
          Flip left-right
        </button>
        <button type="button" aria-pressed={view.flipVertical} onClick={() => actions.flip("vertical")} className={`${BUTTON} ${view.flipVertical ? ON : OFF}`}>
          Flip up-down
        </button>
        <button type="button" aria-pressed={view.invert} onClick={actions.toggleInvert} className={`${BUTTON} ${view.invert ? ON : OFF}`}>
          Invert
        </button>
        <button type="button" onClick={actions.resetView} className={`${BUTTON} ${OFF}`}>
          Reset
        </button>
      </Group>
      <label className="flex items-center gap-2 text-sm font-semibold">
        Brightness preset
        <select value={windowPreset} onChange={(event) => actions.applyWindow(event.target.value)} className="min-h-11 max-w-56 rounded-lg border-2 border-line-strong bg-surface px-2 font-normal">
          <option value={IMAGE_DEFAULT}>As the image was saved</option>
          {WINDOW_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label} (window {preset.width}, level {preset.center})
            </option>
          ))}
        </select>
      </label>
      {cine ? (
        <Group label="Play the images as a film">
          <button type="button" onClick={cine.playing ? cine.onStop : cine.onPlay} className={`${BUTTON} ${cine.playing ? ON : OFF}`}>
            {cine.playing ? "Stop" : "Play"}
          </button>
          <label className="flex items-center gap-2 text-sm font-semibold">
            Speed
            <select value={cine.framesPerSecond} onChange={(event) => cine.onRate(Number(event.target.value))} className="min-h-11 rounded-lg border-2 border-line-strong bg-surface px-2 font-normal">
              {FRAME_RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {rate} images a second
                </option>
              ))}
            </select>
          </label>
        </Group>
      ) : null}
      {mpr ? (
        <button type="button" aria-pressed={mpr.on} onClick={mpr.onToggle} className={`${BUTTON} ${mpr.on ? ON : OFF}`}>
          Three planes (MPR)
        </button>
      ) : null}
    </div>
  );
}
