/**
 * useResource loads something over REST for a page and tracks its loading, error and data
 * states; `reload()` loads it again. A result that arrives after its inputs changed (or after
 * unmount) is dropped, so a slow answer never overwrites a newer one.
 */
import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "../lib/api";

export type Resource<T> =
  | { status: "loading"; data: null; error: null }
  | { status: "error"; data: null; error: string }
  | { status: "ready"; data: T; error: null };

export interface ResourceResult<T> {
  resource: Resource<T>;
  /** Loads again, keeping the current data on screen until the answer arrives. */
  reload: () => void;
}

const LOADING = { status: "loading", data: null, error: null } as const;

export function useResource<T>(load: () => Promise<T>): ResourceResult<T> {
  const [resource, setResource] = useState<Resource<T>>(LOADING);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResource({ status: "ready", data, error: null }),
      (error: unknown) =>
        current && setResource({ status: "error", data: null, error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { resource, reload };
}
