package io.fluxo.processor.model;

/** Derives command-line option names from field names. */
final class OptionNames {
  private OptionNames() {}

  /**
   * The kebab-case form of a camel-case field name: {@code maxIter} becomes {@code max-iter},
   * {@code modelURL} becomes {@code model-url} and {@code snake_case} becomes {@code snake-case}.
   */
  static String kebabCase(String fieldName) {
    StringBuilder option = new StringBuilder();
    for (int i = 0; i < fieldName.length(); i++) {
      char c = fieldName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(fieldName.charAt(i - 1));
        boolean endsAcronym =
            i > 0
                && i + 1 < fieldName.length()
                && Character.isUpperCase(fieldName.charAt(i - 1))
                && Character.isLowerCase(fieldName.charAt(i + 1));
        if ((afterLower && fieldName.charAt(i - 1) != '_') || endsAcronym) {
          option.append('-');
        }
        option.append(Character.toLowerCase(c));
      } else {
        option.append(c == '_' ? '-' : c);
      }
    }
    return option.toString();
  }
}
