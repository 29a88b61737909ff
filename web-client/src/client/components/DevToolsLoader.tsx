/**
 * DevToolsLoader decides whether this page gets the WebSocket dev tools: always in a development
 * build, otherwise only when the server enables them (`switchboard.ui.dev-tools`, read from
 * `/api/ui-config`). The panel is fetched with a dynamic `import()` only then, so a production
 * bundle served with the setting off never downloads (or contains) its code.
 */
import { lazy, Suspense } from "react";
import { useUiConfig } from "../providers/uiConfigContext";

const WebSocketDevTools = lazy(() => import("./WebSocketDevTools"));

/** Whether the dev tools are on: development builds, or the server says so. */
export function isDevToolsEnabled(dev: boolean, serverEnabled: boolean | undefined): boolean {
  return dev || serverEnabled === true;
}

export function DevToolsLoader() {
  const config = useUiConfig();
  if (!isDevToolsEnabled(import.meta.env.DEV, config?.devTools)) {
    return null;
  }
  return (
    <Suspense fallback={null}>
      <WebSocketDevTools />
    </Suspense>
  );
}
