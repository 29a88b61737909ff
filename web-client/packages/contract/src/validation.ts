/**
 * Run-time validation of what the server sends, with the validators generated at build time from
 * the contract's JSON Schema (`generated/validators.ts`, Ajv standalone code: no `eval`). Type
 * guards check a frame's channel and type; this checks every field, so a frame that passed is
 * the event type it claims to be. Unknown properties pass (a newer, compatible server may add
 * optional fields); an unknown event type does not.
 */
import {
  validateGlobalEvent,
  validateProjectEvent,
  validateSessionEvent,
  validateShellEvent,
} from "./generated/validators.js";
import { checkChannel } from "./channels.js";
import type { ChannelEvent, Frame } from "./types.js";

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const BY_KIND: Record<string, { family: string; validate: Validator }> = {
  global: { family: "GlobalEvent", validate: validateGlobalEvent as Validator },
  project: { family: "ProjectEvent", validate: validateProjectEvent as Validator },
  session: { family: "SessionEvent", validate: validateSessionEvent as Validator },
  shell: { family: "ShellEvent", validate: validateShellEvent as Validator },
};

/** A server frame checked against the contract, or what is wrong with it (field paths, no values). */
export type ValidatedEvent =
  { ok: true; frame: Frame<ChannelEvent> } | { ok: false; problem: string };

/** Checks a parsed frame against the event family of its channel. */
export function validateServerFrame(value: unknown): ValidatedEvent {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: "it is not a JSON object {channel, type, data}" };
  }
  const channel = (value as { channel?: unknown }).channel;
  if (typeof channel !== "string") {
    return { ok: false, problem: '"channel" is missing or not a string' };
  }
  const check = checkChannel(channel);
  if (!check.ok) {
    return { ok: false, problem: `"${channel.slice(0, 80)}" is not a channel: ${check.error}` };
  }
  const entry = BY_KIND[check.channel.kind];
  if (entry === undefined) {
    return { ok: false, problem: `"${channel.slice(0, 80)}" has no events` };
  }
  if (entry.validate(value)) {
    return { ok: true, frame: value as Frame<ChannelEvent> };
  }
  const type = (value as { type?: unknown }).type;
  return {
    ok: false,
    problem: `${typeof type === "string" ? `"${type.slice(0, 80)}"` : "a frame"} on "${channel.slice(0, 80)}" is not a valid ${entry.family}: ${describe(entry.validate.errors)}`,
  };
}

function describe(errors: AjvError[] | null | undefined): string {
  const error = errors?.[0];
  if (error === undefined) {
    return "it does not match the schema";
  }
  if (error.params?.["tag"] === "type") {
    return '"type" is not one of its types';
  }
  const where =
    error.instancePath === "" ? "the frame" : error.instancePath.slice(1).replaceAll("/", ".");
  return `${where} ${error.message ?? "is invalid"}`;
}
