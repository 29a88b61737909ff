package dev.switchboard.contract;

/** InvalidChannelException reports a channel name outside the grammar, saying what is valid. */
public final class InvalidChannelException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code name} with the specific problem. */
  public InvalidChannelException(String name, String problem) {
    super(
        "Invalid channel \""
            + abbreviate(name)
            + "\": "
            + problem
            + ". Use \"global\" or \"<kind>:<id>\" with kind one of project, session, shell and"
            + " an id of 1-"
            + ProtocolConstants.CHANNEL_ID_MAX_LENGTH
            + " characters from [A-Za-z0-9_-], for example \"session:42\".");
  }

  private static String abbreviate(String name) {
    return name.length() <= 80 ? name : name.substring(0, 80) + "…";
  }
}
