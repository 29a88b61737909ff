package dev.switchboard.server.api;

import dev.switchboard.contract.TextRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * SessionTitleRequest is the body of {@code POST /api/projects/{projectId}/sessions} (title
 * optional) and {@code PATCH /api/sessions/{sessionId}} (title required): {@code {"title": "Fix the
 * build"}}.
 */
@Serdeable
public record SessionTitleRequest(@Nullable String title) {

  /** Longest accepted title. */
  public static final int MAX_TITLE_LENGTH = 200;

  /** The title of a session created without one. */
  public static final String DEFAULT_TITLE = "New session";

  /** The first thing wrong with the title, phrased as the fix; null when it is valid. */
  @Nullable
  String problem(boolean required) {
    if (title == null || title.isBlank()) {
      return required ? "title is required: send {\"title\": \"Fix the build\"}" : null;
    }
    return TextRules.lineProblem("title", title.strip(), MAX_TITLE_LENGTH);
  }

  /** The stripped title, or the default when none was given. */
  String titleOrDefault() {
    return title == null || title.isBlank() ? DEFAULT_TITLE : title.strip();
  }
}
