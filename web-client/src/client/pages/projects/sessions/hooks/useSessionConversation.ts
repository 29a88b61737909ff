/**
 * useSessionConversation follows one agent session (over the shared connection; it opens no socket): it loads the REST snapshot, subscribes to
 * `session:<id>` since the snapshot's stream position (so nothing published in between is
 * missed), applies every live event, and reloads the snapshot when the server cannot replay
 * what the tab missed (`recovered: false`). It returns the conversation, with replies streaming
 * in, and the commands `send` and `cancel`.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { Channels, type SessionErrorData, SessionCommandTypes } from "@switchboard/contract";
import { type Api, api as defaultApi, errorMessage } from "@/client/lib/api";
import { useUiConfig } from "@/client/providers/uiConfigContext";
import { useWebSocketActions } from "@/client/providers/webSocketContext";
import { type ConversationMessage, type ConversationState, runningReply } from "./conversation";
import { ConversationStore, type ConversationStoreOptions } from "./conversationStore";

export { applySessionEvent } from "./conversationStore";

export type SessionLoadState = "loading" | "ready" | { error: string };

export interface SessionConversation {
  load: SessionLoadState;
  session: ConversationState["session"];
  messages: ConversationMessage[];
  /** The reply that is running, if any. */
  running: ConversationMessage | null;
  lastError: SessionErrorData | null;
  /** Sends `text` as a message (queued while the connection is down); false if it is blank. */
  send: (text: string) => boolean;
  /** Cancels the running reply; false when none runs. */
  cancel: () => boolean;
  dismissError: () => void;
  /** Loads the snapshot and subscribes again (after a load error). */
  retry: () => void;
}

export interface SessionHookOptions {
  api?: Pick<Api, "getSession">;
  newClientMessageId?: () => string;
  /** How replies keep and paint their output (tests pass `batcher: null` to see it at once). */
  output?: ConversationStoreOptions;
}

export function useSessionConversation(
  sessionId: string,
  {
    api = defaultApi,
    newClientMessageId = randomClientMessageId,
    output = {},
  }: SessionHookOptions = {},
): SessionConversation {
  const { subscribe, send: sendFrame } = useWebSocketActions();
  const maxLines = useUiConfig()?.replyLines;
  const [store] = useState(() => new ConversationStore({ ...output, maxLines }));
  if (maxLines !== undefined) {
    store.setMaxLines(maxLines);
  }
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const dispatch = store.dispatch;
  const [load, setLoad] = useState<SessionLoadState>("loading");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | null = null;
    const fail = (error: unknown) => active && setLoad({ error: errorMessage(error) });
    api.getSession(sessionId).then((snapshot) => {
      if (!active) {
        return;
      }
      dispatch({ kind: "snapshot", snapshot });
      setLoad("ready");
      unsubscribe = subscribe(
        Channels.session(sessionId),
        (event) => dispatch({ kind: "event", event }),
        {
          since: snapshot.position,
          // The server could not replay the gap: the stored messages are the truth again.
          onResync: () =>
            void api
              .getSession(sessionId)
              .then((fresh) => active && dispatch({ kind: "snapshot", snapshot: fresh }), fail),
        },
      );
    }, fail);
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [api, sessionId, subscribe, attempt, dispatch]);

  const send = useCallback(
    (text: string) => {
      if (text.trim() === "") {
        return false;
      }
      const clientMessageId = newClientMessageId();
      dispatch({ kind: "sending", clientMessageId, text, now: new Date() });
      sendFrame(
        {
          channel: Channels.session(sessionId),
          type: SessionCommandTypes.SEND_MESSAGE,
          data: { text, clientMessageId },
        },
        // Refused (the session is gone, a reply is already running, too many commands): the
        // message says so and keeps its text instead of showing "Sending" forever.
        (error) =>
          dispatch({
            kind: "not-sent",
            clientMessageId,
            reason: `${error.message} (${error.code})`,
          }),
      );
      return true;
    },
    [newClientMessageId, sendFrame, sessionId, dispatch],
  );

  const running = runningReply(state);
  const runningId = running?.id ?? null;
  const cancel = useCallback(() => {
    if (runningId === null) {
      return false;
    }
    sendFrame({
      channel: Channels.session(sessionId),
      type: SessionCommandTypes.CANCEL,
      data: { messageId: runningId },
    });
    return true;
  }, [runningId, sendFrame, sessionId]);

  const dismissError = useCallback(() => dispatch({ kind: "dismiss-error" }), [dispatch]);
  const retry = useCallback(() => {
    setLoad("loading");
    setAttempt((value) => value + 1);
  }, []);

  return {
    load,
    session: state.session,
    messages: state.messages,
    running,
    lastError: state.lastError,
    send,
    cancel,
    dismissError,
    retry,
  };
}

/** A client-chosen id that lets the tab recognise its own message when the server echoes it. */
export function randomClientMessageId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
