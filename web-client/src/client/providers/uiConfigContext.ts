/**
 * What the server lets this client show (`GET /api/ui-config`), shared through a context:
 * `useUiConfig()` is `null` until it has loaded.
 */
import { createContext, useContext } from "react";
import type { UiConfig } from "../lib/api";

export const UiConfigContext = createContext<UiConfig | null>(null);

export function useUiConfig(): UiConfig | null {
  return useContext(UiConfigContext);
}
