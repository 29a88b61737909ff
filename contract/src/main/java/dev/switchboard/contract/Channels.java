package dev.switchboard.contract;

/** Channels builds valid channel names; each builder rejects ids outside the grammar. */
public final class Channels {

  private Channels() {}

  /** The implicit per-connection channel, {@code global}. */
  public static String global() {
    return ChannelKind.GLOBAL.prefix();
  }

  /** A project's channel, {@code project:<id>}. */
  public static String project(String projectId) {
    return new ChannelName(ChannelKind.PROJECT, projectId).toString();
  }

  /** A session's channel, {@code session:<id>}. */
  public static String session(String sessionId) {
    return new ChannelName(ChannelKind.SESSION, sessionId).toString();
  }

  /** A shell's channel, {@code shell:<id>}. */
  public static String shell(String shellId) {
    return new ChannelName(ChannelKind.SHELL, shellId).toString();
  }
}
