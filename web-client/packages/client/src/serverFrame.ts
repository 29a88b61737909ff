/**
 * Reading a frame the server sent: parse the JSON and check it with the contract's guards, so
 * nothing past this point handles a shape the contract does not allow.
 */
import {
  type ChannelEvent,
  type Frame,
  isChannelEvent,
  isWebSocketMessage,
} from "@switchboard/contract";

/** A frame that is a known event of its channel, or why it is not. */
export type ParsedFrame = { ok: true; frame: Frame<ChannelEvent> } | { ok: false; problem: string };

/** Parses and validates one text frame; `problem` names channel and type, never the payload. */
export function parseServerFrame(raw: unknown): ParsedFrame {
  let value: unknown;
  try {
    value = typeof raw === "string" ? JSON.parse(raw) : undefined;
  } catch {
    value = undefined;
  }
  if (isChannelEvent(value)) {
    return { ok: true, frame: value };
  }
  const problem = isWebSocketMessage(value)
    ? `"${value.type}" on "${value.channel}" is not an event of that channel`
    : "it is not a JSON object {channel, type, data}";
  return { ok: false, problem };
}
