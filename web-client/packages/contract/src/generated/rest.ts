/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import * as contract from "./contract.js";

export interface AgentInfo {
    label: string;
    maxRunsPerNode: number;
    maxRunsPerToken: number;
    maxStoredChars: number;
    sandbox: SandboxStatus;
    stdin: boolean;
    timeoutMs: number;
}

export interface ApiError {
    code: contract.ErrorCode;
    message: string;
}

export interface IssuedToken {
    createdAt: DateAsString;
    id: string;
    name: string;
    projectIds: string[];
    shell: boolean;
    token: string;
}

export interface Project {
    createdAt: DateAsString;
    id: string;
    name: string;
    path: string;
}

export interface ProjectRequest {
    name?: string | null;
    path?: string | null;
}

export interface SandboxStatus {
    enforced: boolean;
    mode: SandboxMode;
    network: boolean;
    warning?: string | null;
}

export interface SessionRequest {
    token?: string | null;
}

export interface SessionSnapshotResponse {
    messages: contract.SessionMessage[];
    position: contract.StreamPosition;
    session: contract.SessionSummary;
}

export interface SessionTitleRequest {
    title?: string | null;
}

export interface ShellInfo {
    attached: boolean;
    cols: number;
    createdAt: DateAsString;
    id: string;
    projectId: string;
    rows: number;
    socketPath: string;
}

export interface ShellSizeRequest {
    cols?: number | null;
    rows?: number | null;
}

export interface TokenInfo {
    createdAt: DateAsString;
    id: string;
    name: string;
    projectIds: string[];
    shell: boolean;
}

export interface TokenRequest {
    name?: string | null;
    projectIds?: string[] | null;
    shell?: boolean | null;
}

export interface UiConfigResponse {
    devTools: boolean;
    replyLines: number;
}

export type DateAsString = string;

export type SandboxMode = "auto" | "bwrap" | "off";
