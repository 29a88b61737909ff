/** useProjectName is a project's name for breadcrumbs, or `null` until (or unless) it loads. */
import { useCallback } from "react";
import { api } from "../lib/api";
import { useResource } from "./useResource";

export function useProjectName(projectId: string): string | null {
  const load = useCallback(() => api.getProject(projectId), [projectId]);
  const { resource } = useResource(load);
  return resource.status === "ready" ? resource.data.name : null;
}
