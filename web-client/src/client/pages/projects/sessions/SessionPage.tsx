/**
 * SessionPage is the conversation of one agent session: every message with its status, the
 * running reply streaming in with a cursor, a send box, and Cancel while a reply runs.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { toast } from "sonner";
import { MessageRole, MessageStatus } from "@switchboard/contract";
import { ErrorState, Loading } from "../../../components/PageStates";
import { StatusBadge } from "../../../components/StatusBadge";
import { useAgent, useProjectName } from "../../../hooks/useLabels";
import {
  formatClock,
  formatDuration,
  formatTimestamp,
  messageStatusBadge,
} from "../../../lib/format";
import type { ConversationMessage } from "./hooks/conversation";
import { useSessionConversation } from "./hooks/useSessionConversation";
import { ReplyOutput } from "./output/ReplyOutput";

export function SessionPage() {
  const { projectId = "", sessionId = "" } = useParams();
  const conversation = useSessionConversation(sessionId);
  const agent = useAgent();
  const agentLabel = agent?.label ?? null;
  const maxStoredChars = agent?.maxStoredChars ?? null;
  const projectName = useProjectName(projectId);
  const { load, session, messages, running, lastError } = conversation;

  // An error on the session's channel is announced as a toast; the notice below keeps it in view.
  useEffect(() => {
    if (lastError !== null) {
      toast.error("Session error", { description: `${lastError.message} (${lastError.code})` });
    }
  }, [lastError]);

  const crumbs = (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <Link to="/projects">Projects</Link>
      <span aria-hidden="true">/</span>
      <Link to={`/projects/${projectId}`}>{projectName ?? "Project"}</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{session?.title ?? "Session"}</span>
    </nav>
  );

  if (load === "loading") {
    return <Loading label="Loading the conversation…" />;
  }
  if (typeof load === "object") {
    return (
      <>
        {crumbs}
        <ErrorState
          title="Could not load the session"
          message={load.error}
          onRetry={conversation.retry}
        />
      </>
    );
  }

  return (
    <div className="session">
      {crumbs}
      <div className="page-header page-header--split">
        <div>
          <h1>{session?.title}</h1>
          <p className="page-header__hint">
            {agentLabel !== null && (
              <span className="agent-label" data-testid="agent-label" title="The agent command">
                {agentLabel}
              </span>
            )}
            {running === null ? "Idle" : "A reply is running"}
          </p>
        </div>
      </div>
      {lastError !== null && (
        <div className="notice notice--error" role="alert">
          <span>
            {lastError.message} <span className="notice__code">({lastError.code})</span>
          </span>
          <button
            type="button"
            className="button button--quiet"
            onClick={conversation.dismissError}
          >
            Dismiss
          </button>
        </div>
      )}
      <MessageList sessionId={sessionId} messages={messages} maxStoredChars={maxStoredChars} />
      <SendBox
        running={running !== null}
        onSend={conversation.send}
        onCancel={conversation.cancel}
      />
    </div>
  );
}

function MessageList({
  sessionId,
  messages,
  maxStoredChars,
}: {
  sessionId: string;
  messages: ConversationMessage[];
  maxStoredChars: number | null;
}) {
  const list = useRef<HTMLOListElement>(null);
  // Follow the conversation while the reader is at the bottom; leave them alone when they
  // scrolled up. A reply's output box scrolls (and follows) on its own; this list only moves
  // when messages come or a box grows.
  const following = useRef(true);

  useEffect(() => {
    const element = list.current;
    if (element !== null && following.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages.length]);

  useEffect(() => {
    const element = list.current;
    if (element === null || typeof ResizeObserver === "undefined") {
      return;
    }
    const observer = new ResizeObserver(() => {
      if (following.current) {
        element.scrollTop = element.scrollHeight;
      }
    });
    for (const child of element.children) {
      observer.observe(child);
    }
    return () => observer.disconnect();
  }, [messages]);

  if (messages.length === 0) {
    return (
      <div className="conversation conversation--empty" data-testid="message-list">
        <p className="state__title">No messages yet</p>
        <p>
          Send a message below. The default agent runs it as a shell command line in the
          project&apos;s directory, e.g. <code>ls -la</code> or <code>git status</code>.
        </p>
      </div>
    );
  }
  return (
    <ol
      className="conversation"
      aria-label="Conversation"
      data-testid="message-list"
      ref={list}
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
      }}
    >
      {messages.map((message) => (
        <MessageItem
          key={message.id}
          sessionId={sessionId}
          message={message}
          maxStoredChars={maxStoredChars}
        />
      ))}
    </ol>
  );
}

function MessageItem({
  sessionId,
  message,
  maxStoredChars,
}: {
  sessionId: string;
  message: ConversationMessage;
  maxStoredChars: number | null;
}) {
  const isUser = message.role === MessageRole.USER;
  const streaming = message.status === MessageStatus.RUNNING;
  return (
    <li
      className={`message ${isUser ? "message--user" : "message--agent"}`}
      data-testid="message"
      data-status={message.status}
      aria-busy={streaming}
    >
      <div className="message__header">
        <span className="message__role">{isUser ? "You" : "Agent"}</span>
        <time
          className="message__time"
          dateTime={message.createdAt}
          title={formatTimestamp(message.createdAt)}
        >
          {formatClock(message.createdAt)}
        </time>
        {!isUser || message.status === "sending" || message.status === "not_sent" ? (
          <StatusBadge badge={messageStatusBadge(message.status)} testId="message-status" />
        ) : null}
      </div>
      {message.output === null ? (
        <>
          <pre className="message__text">{message.text}</pre>
          {message.error !== null && (
            <p className="message__error" role="alert" data-testid="message-error">
              {message.error}
            </p>
          )}
        </>
      ) : (
        <ReplyOutput
          sessionId={sessionId}
          messageId={message.id}
          lines={message.output}
          streaming={streaming}
          outputComplete={message.outputComplete}
          maxStoredChars={maxStoredChars}
        />
      )}
      {!isUser && !message.outputComplete && (
        <p className="message__lost" role="note" data-testid="output-lost">
          Output after this point was lost when the server stopped.
        </p>
      )}
      {!isUser && !streaming && (message.exitCode !== null || message.durationMs !== null) && (
        <p className="message__footer">
          {message.exitCode !== null && (
            <span data-testid="exit-code">exit code {message.exitCode}</span>
          )}
          {message.durationMs !== null && <span>{formatDuration(message.durationMs)}</span>}
        </p>
      )}
    </li>
  );
}

function SendBox({
  running,
  onSend,
  onCancel,
}: {
  running: boolean;
  onSend: (text: string) => boolean;
  onCancel: () => boolean;
}) {
  const [text, setText] = useState("");
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!running && onSend(text)) {
      setText("");
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      submit(event);
    }
  };
  return (
    <form className="send-box" onSubmit={submit} data-testid="send-box">
      <label htmlFor="message-text" className="visually-hidden">
        Message
      </label>
      <textarea
        id="message-text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        rows={2}
        placeholder="A command to run, e.g. ls -la (Enter sends, Shift+Enter for a new line)"
        spellCheck={false}
        autoCapitalize="off"
        aria-describedby="send-box-hint"
      />
      <p id="send-box-hint" className="visually-hidden">
        {running ? "A reply is running: cancel it or wait for it to finish." : "Enter sends."}
      </p>
      <div className="send-box__actions">
        {running && (
          <button
            type="button"
            className="button button--danger"
            onClick={onCancel}
            data-testid="cancel"
          >
            Cancel
          </button>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={running || text.trim() === ""}
        >
          Send
        </button>
      </div>
    </form>
  );
}
