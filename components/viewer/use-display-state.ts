import { useSyncExternalStore } from "react";
import type { Observable } from "./cornerstone/observable";

export function useDisplayState<State extends object>(display: Observable<State>): State {
  return useSyncExternalStore(display.subscribe, display.getSnapshot, display.getSnapshot);
}
