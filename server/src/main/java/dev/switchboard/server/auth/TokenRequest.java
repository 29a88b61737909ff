package dev.switchboard.server.auth;

import dev.switchboard.contract.ChannelName;
import dev.switchboard.contract.TextRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * TokenRequest is the body of {@code POST /api/tokens}: {@code {"name": "ci", "projectIds":
 * ["web"], "shell": false}}; missing {@code projectIds} means none, missing {@code shell} means no.
 */
@Serdeable
public record TokenRequest(
    @Nullable String name, @Nullable List<String> projectIds, @Nullable Boolean shell) {

  /** Longest accepted token name. */
  public static final int MAX_NAME_LENGTH = 100;

  /** The first thing wrong with the request, phrased as the fix; null when it is valid. */
  @Nullable
  public String problem() {
    if (name == null || name.isBlank()) {
      return "name is required: send {\"name\": \"ci\", \"projectIds\": [\"my-project\"]}";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "name has "
          + name.length()
          + " characters: use 1 to "
          + MAX_NAME_LENGTH
          + " characters";
    }
    String nameProblem = TextRules.lineProblem("name", name.strip(), MAX_NAME_LENGTH);
    if (nameProblem != null) {
      return nameProblem;
    }
    if (projectIds != null) {
      for (String projectId : projectIds) {
        if (!ChannelName.isValidId(projectId)) {
          return "projectIds contains \""
              + projectId
              + "\": a project id is 1 to 64 characters from A-Z, a-z, 0-9, '_' and '-'";
        }
      }
    }
    return null;
  }

  /** The project ids, empty when none were sent. */
  public List<String> projectIdsOrEmpty() {
    return projectIds == null ? List.of() : projectIds;
  }

  /** Whether shells were requested; false when not sent. */
  public boolean shellOrFalse() {
    return Boolean.TRUE.equals(shell);
  }
}
