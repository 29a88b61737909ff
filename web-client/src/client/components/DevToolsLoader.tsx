/**
 * DevToolsLoader decides whether this page gets the WebSocket dev tools: always in a development
 * build, otherwise only when the server enables them (`switchboard.ui.dev-tools`, read from
 * `/api/ui-config`). The panel is fetched with a dynamic `import()` only then, so a production
 * bundle served with the setting off never downloads (or contains) its code.
 *
 * The chunk is fetched from the server like any file, so it can fail (the server restarting right
 * then): the fetch is retried with backoff, and if it still fails the dev tools stay off for this
 * page load instead of taking the page down with them.
 */
import { Component, lazy, Suspense } from "react";
import type { ComponentType, ReactNode } from "react";
import { useUiConfig } from "../providers/uiConfigContext";

const LOAD_ATTEMPTS = 5;
const FIRST_RETRY_DELAY_MS = 1_000;

/** Runs `load` until it succeeds, up to `attempts` times, doubling the delay between tries. */
export async function loadWithRetry<T>(
  load: () => Promise<T>,
  attempts = LOAD_ATTEMPTS,
  delayMs = FIRST_RETRY_DELAY_MS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));
    }
  }
}

const WebSocketDevTools: ComponentType = lazy(() =>
  loadWithRetry(() => import("./WebSocketDevTools")),
);

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
    <DevToolsBoundary>
      <Suspense fallback={null}>
        <WebSocketDevTools />
      </Suspense>
    </DevToolsBoundary>
  );
}

/** Keeps a dev tools failure inside the dev tools: it renders nothing and says why once. */
export class DevToolsBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn("WebSocket dev tools could not be loaded; the page works without them.", error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
