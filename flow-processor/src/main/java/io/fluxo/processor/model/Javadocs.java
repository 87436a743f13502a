package io.fluxo.processor.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the summary of a Javadoc comment. */
final class Javadocs {
  private static final Pattern INLINE_TAG = Pattern.compile("\\{@\\w+\\s*([^}]*)}");
  private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");

  private Javadocs() {}

  /**
   * The first sentence of {@code comment} (as {@code Elements.getDocComment} returns it), without
   * inline tags and with whitespace collapsed; empty for a null or blank comment.
   */
  static String firstSentence(String comment) {
    if (comment == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String line : comment.split("\n")) {
      if (line.strip().startsWith("@")) {
        break;
      }
      text.append(line.strip()).append(' ');
    }
    String plain = INLINE_TAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    plain = plain.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
    Matcher end = SENTENCE_END.matcher(plain);
    return end.find() ? plain.substring(0, end.start() + 1) : plain;
  }
}
