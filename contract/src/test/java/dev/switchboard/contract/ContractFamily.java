package dev.switchboard.contract;

import dev.switchboard.contract.error.ErrorCode;
import dev.switchboard.contract.global.ConnectedData;
import dev.switchboard.contract.global.ConnectedEvent;
import dev.switchboard.contract.global.ConnectionLimits;
import dev.switchboard.contract.global.DrainingData;
import dev.switchboard.contract.global.DrainingEvent;
import dev.switchboard.contract.global.GlobalCommand;
import dev.switchboard.contract.global.GlobalCommandType;
import dev.switchboard.contract.global.GlobalErrorData;
import dev.switchboard.contract.global.GlobalErrorEvent;
import dev.switchboard.contract.global.GlobalEvent;
import dev.switchboard.contract.global.GlobalEventType;
import dev.switchboard.contract.global.PingCommand;
import dev.switchboard.contract.global.PingData;
import dev.switchboard.contract.global.PongData;
import dev.switchboard.contract.global.PongEvent;
import dev.switchboard.contract.global.SubscribeCommand;
import dev.switchboard.contract.global.SubscribeData;
import dev.switchboard.contract.global.SubscriptionErrorData;
import dev.switchboard.contract.global.SubscriptionErrorEvent;
import dev.switchboard.contract.global.SubscriptionSuccessData;
import dev.switchboard.contract.global.SubscriptionSuccessEvent;
import dev.switchboard.contract.global.UnsubscribeCommand;
import dev.switchboard.contract.global.UnsubscribeData;
import dev.switchboard.contract.global.UnsubscribedData;
import dev.switchboard.contract.global.UnsubscribedEvent;
import dev.switchboard.contract.project.ProjectEvent;
import dev.switchboard.contract.project.ProjectEventType;
import dev.switchboard.contract.project.SessionCreatedEvent;
import dev.switchboard.contract.project.SessionDeletedData;
import dev.switchboard.contract.project.SessionDeletedEvent;
import dev.switchboard.contract.project.SessionStatus;
import dev.switchboard.contract.project.SessionSummary;
import dev.switchboard.contract.project.SessionUpdatedEvent;
import dev.switchboard.contract.session.CancelCommand;
import dev.switchboard.contract.session.CancelData;
import dev.switchboard.contract.session.MessageCompleteData;
import dev.switchboard.contract.session.MessageCompleteEvent;
import dev.switchboard.contract.session.MessageCreatedData;
import dev.switchboard.contract.session.MessageCreatedEvent;
import dev.switchboard.contract.session.MessageRole;
import dev.switchboard.contract.session.MessageStatus;
import dev.switchboard.contract.session.OutputStreamName;
import dev.switchboard.contract.session.SendMessageCommand;
import dev.switchboard.contract.session.SendMessageData;
import dev.switchboard.contract.session.SessionCommand;
import dev.switchboard.contract.session.SessionCommandType;
import dev.switchboard.contract.session.SessionErrorData;
import dev.switchboard.contract.session.SessionErrorEvent;
import dev.switchboard.contract.session.SessionEvent;
import dev.switchboard.contract.session.SessionEventType;
import dev.switchboard.contract.session.SessionMessage;
import dev.switchboard.contract.session.StreamOutputData;
import dev.switchboard.contract.session.StreamOutputEvent;
import dev.switchboard.contract.shell.ShellCommand;
import dev.switchboard.contract.shell.ShellCommandType;
import dev.switchboard.contract.shell.ShellErrorData;
import dev.switchboard.contract.shell.ShellErrorEvent;
import dev.switchboard.contract.shell.ShellEvent;
import dev.switchboard.contract.shell.ShellEventType;
import dev.switchboard.contract.shell.ShellExitData;
import dev.switchboard.contract.shell.ShellExitEvent;
import dev.switchboard.contract.shell.ShellInitCommand;
import dev.switchboard.contract.shell.ShellInitData;
import dev.switchboard.contract.shell.ShellInitEvent;
import dev.switchboard.contract.shell.ShellInputCommand;
import dev.switchboard.contract.shell.ShellInputData;
import dev.switchboard.contract.shell.ShellOutputData;
import dev.switchboard.contract.shell.ShellOutputEvent;
import dev.switchboard.contract.shell.ShellResizeCommand;
import dev.switchboard.contract.shell.ShellSize;
import java.time.Instant;
import java.util.List;

/**
 * ContractFamily describes one family and direction of the contract for tests, with one example per
 * type; the examples are also the golden vectors the web client checks.
 */
public record ContractFamily(
    String name, Class<?> base, Class<? extends Enum<?>> types, List<?> examples) {

  private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
  private static final Instant UPDATED = Instant.parse("2026-01-02T03:04:07.250Z");
  private static final String GLOBAL = Channels.global();
  private static final String PROJECT = Channels.project("p-1");
  private static final String SESSION = Channels.session("s-42");
  private static final String SHELL = Channels.shell("sh-7");

  public static final List<ContractFamily> ALL =
      List.of(
          new ContractFamily(
              "GlobalEvent",
              GlobalEvent.class,
              GlobalEventType.class,
              List.of(
                  new ConnectedEvent(
                      GLOBAL,
                      new ConnectedData(
                          "c-8f2a",
                          "0.1.0",
                          new ContractInfo("2.0", "0123456789abcdef"),
                          ProtocolConstants.HEARTBEAT_INTERVAL_MS,
                          new ConnectionLimits(
                              ProtocolConstants.MAX_MESSAGE_BYTES,
                              ProtocolConstants.MAX_SUBSCRIPTIONS,
                              ProtocolConstants.MAX_COMMANDS_PER_SECOND,
                              ProtocolConstants.IDLE_TIMEOUT_MS,
                              ProtocolConstants.PONG_TIMEOUT_MS,
                              4,
                              32,
                              8))),
                  new PongEvent(GLOBAL, new PongData(1767323045000L, 1767323045012L)),
                  new DrainingEvent(GLOBAL, new DrainingData(2375)),
                  new SubscriptionSuccessEvent(
                      GLOBAL, new SubscriptionSuccessData(SESSION, "e-5d1c", 17, true)),
                  new SubscriptionErrorEvent(
                      GLOBAL,
                      new SubscriptionErrorData(
                          "session:", ErrorCode.INVALID_CHANNEL, "Invalid channel")),
                  new UnsubscribedEvent(GLOBAL, new UnsubscribedData(SESSION, "client")),
                  new GlobalErrorEvent(
                      GLOBAL,
                      new GlobalErrorData(
                          ErrorCode.UNKNOWN_TYPE, "Unknown type \"pnig\"", false)))),
          new ContractFamily(
              "GlobalCommand",
              GlobalCommand.class,
              GlobalCommandType.class,
              List.of(
                  new PingCommand(GLOBAL, new PingData(1767323045000L)),
                  new SubscribeCommand(
                      GLOBAL, new SubscribeData(SESSION, new StreamPosition("e-5d1c", 12))),
                  new UnsubscribeCommand(GLOBAL, new UnsubscribeData(SESSION)))),
          new ContractFamily(
              "ProjectEvent",
              ProjectEvent.class,
              ProjectEventType.class,
              List.of(
                  new SessionCreatedEvent(PROJECT, summary(SessionStatus.IDLE, 0)),
                  new SessionUpdatedEvent(PROJECT, summary(SessionStatus.RUNNING, 2)),
                  new SessionDeletedEvent(PROJECT, new SessionDeletedData("s-42", "p-1")))),
          new ContractFamily(
              "SessionEvent",
              SessionEvent.class,
              SessionEventType.class,
              List.of(
                  new MessageCreatedEvent(
                      SESSION,
                      new MessageCreatedData(
                          new SessionMessage(
                              "m-1",
                              "s-42",
                              MessageRole.USER,
                              "ls -la",
                              MessageStatus.COMPLETED,
                              "cm-9",
                              null,
                              null,
                              CREATED,
                              CREATED,
                              true))),
                  new StreamOutputEvent(
                      SESSION,
                      new StreamOutputData(
                          "m-2", 0, "total 8\nréadme.md ✓\n", OutputStreamName.STDOUT)),
                  new MessageCompleteEvent(
                      SESSION,
                      new MessageCompleteData("m-2", MessageStatus.COMPLETED, 0, 1250, 3, true)),
                  new SessionErrorEvent(
                      SESSION,
                      new SessionErrorData(
                          ErrorCode.CONFLICT, "A reply is already running", "m-2")))),
          new ContractFamily(
              "SessionCommand",
              SessionCommand.class,
              SessionCommandType.class,
              List.of(
                  new SendMessageCommand(SESSION, new SendMessageData("ls -la", "cm-9")),
                  new CancelCommand(SESSION, new CancelData("m-2")))),
          new ContractFamily(
              "ShellEvent",
              ShellEvent.class,
              ShellEventType.class,
              List.of(
                  new ShellInitEvent(
                      SHELL,
                      new ShellInitData(
                          "sh-7",
                          120,
                          40,
                          "/home/dev/app",
                          new ContractInfo("2.0", "0123456789abcdef"))),
                  new ShellOutputEvent(SHELL, new ShellOutputData("\u001b[32m$\u001b[0m ")),
                  new ShellExitEvent(SHELL, new ShellExitData(130, "SIGINT")),
                  new ShellErrorEvent(
                      SHELL, new ShellErrorData(ErrorCode.BAD_REQUEST, "cols must be 1..500")))),
          new ContractFamily(
              "ShellCommand",
              ShellCommand.class,
              ShellCommandType.class,
              List.of(
                  new ShellInitCommand(SHELL, new ShellSize(120, 40)),
                  new ShellInputCommand(SHELL, new ShellInputData("echo $((6*7))\r")),
                  new ShellResizeCommand(SHELL, new ShellSize(100, 40)))));

  private static SessionSummary summary(SessionStatus status, int messages) {
    return new SessionSummary("s-42", "p-1", "Fix the build", status, messages, CREATED, UPDATED);
  }
}
