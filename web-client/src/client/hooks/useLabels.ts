/**
 * Small REST look-ups for page headers; each is `null` until (or unless) it loads, and the page
 * simply shows less meanwhile.
 */
import { useCallback } from "react";
import { type AgentInfo, api } from "../lib/api";
import { useResource } from "./useResource";

/** useProjectName is a project's name for breadcrumbs. */
export function useProjectName(projectId: string): string | null {
  const load = useCallback(() => api.getProject(projectId), [projectId]);
  const { resource } = useResource(load);
  return resource.status === "ready" ? resource.data.name : null;
}

/** useAgentLabel is the configured agent's label (`GET /api/agent`), e.g. "Shell command (sh -c)". */
export function useAgentLabel(): string | null {
  return useAgent()?.label ?? null;
}

/** useAgent is what runs a message and what confines it (`GET /api/agent`). */
export function useAgent(): AgentInfo | null {
  const { resource } = useResource(loadAgent);
  return resource.status === "ready" ? resource.data : null;
}

const loadAgent = () => api.getAgent();
