// Window/level presets radiologists use for CT (width and centre in Hounsfield units), and the
// image's own setting from its header.

export type WindowPreset = { id: string; label: string; width: number; center: number };

export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: "soft-tissue", label: "Soft tissue", width: 400, center: 40 },
  { id: "lung", label: "Lung", width: 1500, center: -600 },
  { id: "bone", label: "Bone", width: 2000, center: 300 },
  { id: "brain", label: "Brain", width: 80, center: 40 },
];

export const IMAGE_DEFAULT = "image-default";
