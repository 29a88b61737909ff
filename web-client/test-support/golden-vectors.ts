/**
 * The golden vectors (one JSON frame per event and command type, written by the Java contract's
 * tests) grouped by family, with what the client knows about each family: its direction, channel
 * kind, generated type names and guard.
 */
import { goldenVectors } from "@switchboard/contract/golden-vectors";
import {
  ChannelKind,
  GlobalCommandTypes,
  GlobalEventTypes,
  ProjectEventTypes,
  SessionCommandTypes,
  SessionEventTypes,
  ShellCommandTypes,
  ShellEventTypes,
  isGlobalCommand,
  isGlobalEvent,
  isProjectEvent,
  isSessionCommand,
  isSessionEvent,
  isShellCommand,
  isShellEvent,
} from "@switchboard/contract";
import type { ChannelEvent, ClientCommand, FrameGuard } from "@switchboard/contract";

/** A family's name in the golden vectors, which is also its union's name in the client. */
export type FamilyName = keyof typeof goldenVectors;

/** One family of frames and its vectors. */
export interface Family {
  name: FamilyName;
  direction: "event" | "command";
  kind: ChannelKind;
  /** The generated enum's values. */
  typeNames: readonly string[];
  guard: (value: unknown) => boolean;
  /** The vectors by type name, as parsed from JSON. */
  vectors: Readonly<Record<string, unknown>>;
}

// `vectors` is typed by the family's type names, so a vector missing from the JSON file is
// a compile error here as well as a test failure.
function family<E extends ChannelEvent | ClientCommand>(
  name: FamilyName,
  direction: Family["direction"],
  kind: ChannelKind,
  types: Readonly<Record<string, E["type"]>>,
  guard: FrameGuard<E>,
  vectors: Readonly<Record<E["type"], unknown>>,
): Family {
  return { name, direction, kind, typeNames: Object.values(types), guard, vectors };
}

/** Every family, in the order of the golden vectors. */
export const FAMILIES: readonly Family[] = [
  family(
    "GlobalEvent",
    "event",
    ChannelKind.GLOBAL,
    GlobalEventTypes,
    isGlobalEvent,
    goldenVectors.GlobalEvent,
  ),
  family(
    "GlobalCommand",
    "command",
    ChannelKind.GLOBAL,
    GlobalCommandTypes,
    isGlobalCommand,
    goldenVectors.GlobalCommand,
  ),
  family(
    "ProjectEvent",
    "event",
    ChannelKind.PROJECT,
    ProjectEventTypes,
    isProjectEvent,
    goldenVectors.ProjectEvent,
  ),
  family(
    "SessionEvent",
    "event",
    ChannelKind.SESSION,
    SessionEventTypes,
    isSessionEvent,
    goldenVectors.SessionEvent,
  ),
  family(
    "SessionCommand",
    "command",
    ChannelKind.SESSION,
    SessionCommandTypes,
    isSessionCommand,
    goldenVectors.SessionCommand,
  ),
  family(
    "ShellEvent",
    "event",
    ChannelKind.SHELL,
    ShellEventTypes,
    isShellEvent,
    goldenVectors.ShellEvent,
  ),
  family(
    "ShellCommand",
    "command",
    ChannelKind.SHELL,
    ShellCommandTypes,
    isShellCommand,
    goldenVectors.ShellCommand,
  ),
];

/** The families as the golden vectors list them. */
export const VECTOR_FAMILY_NAMES: readonly string[] = Object.keys(goldenVectors);

/** Every vector with its family and type name. */
export const ALL_VECTORS: readonly { family: Family; typeName: string; frame: unknown }[] =
  FAMILIES.flatMap((f) =>
    Object.entries(f.vectors).map(([typeName, frame]) => ({ family: f, typeName, frame })),
  );
