/**
 * UiConfigProvider loads `GET /api/ui-config` once after sign-in. When the server cannot answer,
 * the client runs with everything optional switched off rather than not at all.
 */
import { type ReactNode, useEffect, useState } from "react";
import { api, type Api, type UiConfig } from "../lib/api";
import { UiConfigContext } from "./uiConfigContext";

/**
 * What the client assumes when the server did not say: no dev tools, and the server's default
 * `switchboard.ui.reply-lines`.
 */
export const DEFAULT_UI_CONFIG: UiConfig = { devTools: false, replyLines: 100_000 };

export function UiConfigProvider({
  children,
  source = api,
}: {
  children: ReactNode;
  source?: Pick<Api, "getUiConfig">;
}) {
  const [config, setConfig] = useState<UiConfig | null>(null);
  useEffect(() => {
    let active = true;
    source.getUiConfig().then(
      (loaded) => active && setConfig({ ...DEFAULT_UI_CONFIG, ...loaded }),
      (error: unknown) => {
        console.warn("Could not load /api/ui-config; dev tools stay off.", error);
        if (active) {
          setConfig(DEFAULT_UI_CONFIG);
        }
      },
    );
    return () => {
      active = false;
    };
  }, [source]);
  return <UiConfigContext value={config}>{children}</UiConfigContext>;
}
