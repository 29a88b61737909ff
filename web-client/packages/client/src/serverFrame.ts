/**
 * Reading a frame the server sent: parse the JSON and validate it against the contract's schema
 * (the generated validators of `@switchboard/contract`), once, so nothing past this point handles
 * a shape the contract does not allow.
 */
import { type ChannelEvent, type Frame, validateServerFrame } from "@switchboard/contract";

/** A frame that is a valid event of its channel, or why it is not. */
export type ParsedFrame = { ok: true; frame: Frame<ChannelEvent> } | { ok: false; problem: string };

/** Parses and validates one text frame; `problem` names fields and types, never the payload. */
export function parseServerFrame(raw: unknown): ParsedFrame {
  let value: unknown;
  try {
    value = typeof raw === "string" ? JSON.parse(raw) : undefined;
  } catch {
    return { ok: false, problem: "it is not JSON" };
  }
  return validateServerFrame(value);
}
