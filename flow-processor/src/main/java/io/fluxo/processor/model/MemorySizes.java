package io.fluxo.processor.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses memory sizes as {@code @Resources} and {@code @Kubernetes} take them: plain mebibytes
 * ({@code "4096"}), binary suffixes ({@code "512Mi"}, {@code "1.5Gi"}, {@code "1Ti"}) or decimal
 * ones ({@code "1G"}, {@code "500M"}).
 */
public final class MemorySizes {
  /** The accepted forms, for messages. */
  public static final String FORMS =
      "\"4096\" (MiB), \"512Mi\", \"4Gi\", \"1.5Gi\", \"1Ti\", \"500M\", \"1G\"";

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)(Mi|Gi|Ti|M|G|T)?");
  private static final BigDecimal MIB = BigDecimal.valueOf(1L << 20);
  private static final Map<String, BigDecimal> BYTES_PER_UNIT =
      Map.of(
          "Mi", MIB,
          "Gi", BigDecimal.valueOf(1L << 30),
          "Ti", BigDecimal.valueOf(1L << 40),
          "M", BigDecimal.valueOf(1_000_000L),
          "G", BigDecimal.valueOf(1_000_000_000L),
          "T", BigDecimal.valueOf(1_000_000_000_000L));

  private MemorySizes() {}

  /**
   * The size in mebibytes, rounded up; empty when {@code text} is not a size of at least 1 MiB in
   * one of the accepted forms (a plain number must be a whole number of MiB).
   */
  public static OptionalLong toMebibytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches() || (m.group(2) == null && m.group(1).contains("."))) {
      return OptionalLong.empty();
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    BigDecimal bytes =
        m.group(2) == null ? amount.multiply(MIB) : amount.multiply(BYTES_PER_UNIT.get(m.group(2)));
    BigDecimal mebibytes = bytes.divide(MIB, 0, RoundingMode.CEILING);
    if (mebibytes.signum() <= 0 || mebibytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(mebibytes.longValueExact());
  }
}
