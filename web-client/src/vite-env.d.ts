/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "true" exposes `window.__WS_METRICS__` in a production build too. */
  readonly VITE_WS_METRICS?: string;
}
