/**
 * Channel names: builders (`Channels.session(id)`) and a parser that enforces the same grammar as
 * the Java `ChannelName`: `global`, or `<kind>:<id>` with kind `project`, `session` or `shell` and
 * an id of 1–64 characters from `[A-Za-z0-9_-]`. Kind names come from the generated `ChannelKind`.
 */
import { CHANNEL_ID_MAX_LENGTH } from "./constants.js";
import { ChannelKind } from "./generated/enums.js";

/** The implicit per-connection channel, `global`. */
export type GlobalChannel = typeof ChannelKind.GLOBAL;
/** A project's channel, `project:<id>`. */
export type ProjectChannel = `${typeof ChannelKind.PROJECT}:${string}`;
/** A session's channel, `session:<id>`. */
export type SessionChannel = `${typeof ChannelKind.SESSION}:${string}`;
/** A shell's channel, `shell:<id>`. */
export type ShellChannel = `${typeof ChannelKind.SHELL}:${string}`;
/** Any channel name, as it appears on the wire. */
export type ChannelName = GlobalChannel | ProjectChannel | SessionChannel | ShellChannel;

/** The kinds whose names carry an id after the colon. */
export type KindWithId = Exclude<ChannelKind, typeof ChannelKind.GLOBAL>;

/** A valid channel name split into its kind and id (`null` for `global`). */
export type ParsedChannel =
  { kind: typeof ChannelKind.GLOBAL; id: null } | { kind: KindWithId; id: string };

/** The outcome of {@link checkChannel}: the parsed channel, or why the name is invalid. */
export type ChannelCheck = { ok: true; channel: ParsedChannel } | { ok: false; error: string };

const ID_CHARACTERS = /^[A-Za-z0-9_-]+$/;
const KINDS: ReadonlySet<string> = new Set(Object.values(ChannelKind));

/** InvalidChannelError reports a channel name outside the grammar and says what is valid. */
export class InvalidChannelError extends Error {
  /** The rejected name. */
  readonly channel: string;
  /** What is wrong with it, for example `the id is empty`. */
  readonly problem: string;

  constructor(channel: string, problem: string) {
    super(invalidChannelMessage(channel, problem));
    this.name = "InvalidChannelError";
    this.channel = channel;
    this.problem = problem;
  }
}

/** Channels builds valid channel names; each builder throws InvalidChannelError on a bad id. */
export const Channels = {
  global: (): GlobalChannel => ChannelKind.GLOBAL,
  project: (projectId: string): ProjectChannel => withId(ChannelKind.PROJECT, projectId),
  session: (sessionId: string): SessionChannel => withId(ChannelKind.SESSION, sessionId),
  shell: (shellId: string): ShellChannel => withId(ChannelKind.SHELL, shellId),
} as const;

/** Whether `id` is a valid channel id: 1–64 characters from `[A-Za-z0-9_-]`. */
export function isValidChannelId(id: unknown): id is string {
  return typeof id === "string" && idProblem(id) === null;
}

/** Parses a channel name from the wire; `null` when it is outside the grammar. */
export function parseChannel(name: string): ParsedChannel | null {
  const check = checkChannel(name);
  return check.ok ? check.channel : null;
}

/** Whether `name` is a valid channel name. */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === "string" && checkChannel(name).ok;
}

/** Parses a channel name, saying what is wrong when it is invalid (same wording as the server). */
export function checkChannel(name: string): ChannelCheck {
  if (name.length === 0) {
    return invalid(name, "the name is empty");
  }
  const colon = name.indexOf(":");
  const prefix = colon < 0 ? name : name.slice(0, colon);
  if (!isKind(prefix)) {
    return invalid(name, `unknown kind "${prefix}"`);
  }
  if (prefix === ChannelKind.GLOBAL) {
    return colon < 0
      ? { ok: true, channel: { kind: prefix, id: null } }
      : invalid(name, `"${prefix}" takes no id`);
  }
  if (colon < 0) {
    return invalid(name, `"${prefix}" needs an id after a colon`);
  }
  const id = name.slice(colon + 1);
  const problem = idProblem(id);
  return problem === null ? { ok: true, channel: { kind: prefix, id } } : invalid(name, problem);
}

/** The wire name of a parsed channel. */
export function formatChannel(channel: ParsedChannel): ChannelName {
  return channel.id === null ? ChannelKind.GLOBAL : withId(channel.kind, channel.id);
}

function withId<K extends KindWithId>(kind: K, id: string): `${K}:${string}` {
  const problem = idProblem(id);
  if (problem !== null) {
    throw new InvalidChannelError(`${kind}:${id}`, problem);
  }
  return `${kind}:${id}`;
}

function isKind(prefix: string): prefix is ChannelKind {
  return KINDS.has(prefix);
}

function idProblem(id: string): string | null {
  if (id.length === 0) {
    return "the id is empty";
  }
  if (id.length > CHANNEL_ID_MAX_LENGTH) {
    return `the id is ${id.length} characters long`;
  }
  if (!ID_CHARACTERS.test(id)) {
    const bad = [...id].find((c) => !ID_CHARACTERS.test(c)) ?? "";
    const shown = /\p{Cc}/u.test(bad) ? `\\u${bad.charCodeAt(0)}` : bad;
    return `the id contains '${shown}'`;
  }
  return null;
}

function invalid(name: string, problem: string): ChannelCheck {
  return { ok: false, error: invalidChannelMessage(name, problem) };
}

function invalidChannelMessage(name: string, problem: string): string {
  const shown = name.length <= 80 ? name : `${name.slice(0, 80)}…`;
  return (
    `Invalid channel "${shown}": ${problem}. Use "${ChannelKind.GLOBAL}" or "<kind>:<id>" with` +
    ` kind one of ${[ChannelKind.PROJECT, ChannelKind.SESSION, ChannelKind.SHELL].join(", ")}` +
    ` and an id of 1-${CHANNEL_ID_MAX_LENGTH} characters from [A-Za-z0-9_-],` +
    ` for example "${ChannelKind.SESSION}:42".`
  );
}
