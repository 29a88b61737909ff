package dev.switchboard.contract;

import io.micronaut.core.annotation.Nullable;

/**
 * TextRules are the rules for strings the server stores: a length limit, and no characters that
 * would hide or change what a reader sees. Names, titles and ids are one line of plain text: no
 * control characters (C0, DEL, C1), no bidirectional embedding, override or isolate characters
 * (U+202A–U+202E, U+2066–U+2069, which can make text display in another order than it is stored),
 * and no unpaired surrogates (not text; PostgreSQL cannot store them). Message text follows the
 * same rules but may hold tabs and line breaks.
 *
 * <p>Each check returns the first problem, phrased as the fix and naming the field, or null.
 */
public final class TextRules {

  private TextRules() {}

  /** The problem with a one-line name, title or id of at most {@code maxLength} chars, or null. */
  public static @Nullable String lineProblem(String field, String value, int maxLength) {
    return problem(field, value, maxLength, false);
  }

  /** The problem with free text (tabs and line breaks allowed) of at most {@code maxLength}. */
  public static @Nullable String textProblem(String field, String value, int maxLength) {
    return problem(field, value, maxLength, true);
  }

  private static @Nullable String problem(
      String field, String value, int maxLength, boolean multiline) {
    if (value.length() > maxLength) {
      return field + " has " + value.length() + " characters: use at most " + maxLength;
    }
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      String refused = refused(c, multiline);
      if (refused != null) {
        return field
            + " contains "
            + refused
            + String.format(" (U+%04X) at position %d", c, i)
            + (multiline
                ? ": send plain text (tabs and line breaks are fine)"
                : ": send one line of plain text");
      }
      i += Character.charCount(c);
    }
    return null;
  }

  private static @Nullable String refused(int c, boolean multiline) {
    if (Character.isSurrogate((char) c) && c <= Character.MAX_VALUE) {
      return "an unpaired surrogate";
    }
    if (Character.getType(c) == Character.CONTROL) {
      return multiline && (c == '\t' || c == '\n' || c == '\r') ? null : "a control character";
    }
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
      return "a bidirectional formatting character";
    }
    return null;
  }
}
