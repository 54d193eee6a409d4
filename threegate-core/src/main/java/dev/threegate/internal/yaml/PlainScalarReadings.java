/*
 * Copyright 2026 The ThreeGate authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.threegate.internal.yaml;

import dev.threegate.internal.text.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How YAML readers of different versions read a plain (unquoted) scalar, and whether they agree.
 * Three readings are compared: YAML 1.1 (the type repository's null, bool, int, float, timestamp,
 * merge and value types; read by PyYAML, SnakeYAML 1.x and upstream's validators), the YAML 1.2
 * core schema (this library's reading), and the YAML 1.2 JSON schema (the default of
 * snakeyaml-engine and other 1.2 loaders). A scalar is unambiguous when all three give the same
 * text, or the same null, boolean or number.
 *
 * <p>Three choices depart from the published regular expressions. YAML 1.1 booleans
 * ({@code yes}, {@code no}, {@code on}, {@code off}, {@code y}, {@code n}) are matched in any
 * letter case, as Ruby's reader matches them. YAML 1.1 floats are read as PyYAML reads them (digits
 * and underscores around one dot; the published {@code [0-9.]*} would make {@code 1.2.3} a
 * number, which no common reader does). A YAML 1.1 timestamp written as a full UTC instant
 * with at most millisecond precision ({@code 2026-11-26T12:00:00.250Z}) agrees with the 1.2 text:
 * every reader gets the same instant from it (1.1 readers build a date-time, keeping at least
 * milliseconds; 1.2 readers keep the text, which names that instant). Any other timestamp or date
 * disagrees.
 */
final class PlainScalarReadings {
  private static final Pattern NULL_11 = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TRUE_11 = Pattern.compile("(?i)y|yes|true|on");
  private static final Pattern FALSE_11 = Pattern.compile("(?i)n|no|false|off");
  private static final Pattern INT_11 =
      Pattern.compile("[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*)");
  private static final Pattern FLOAT_11 =
      Pattern.compile("[-+]?(?:[0-9][0-9_]*\\.[0-9_]*|\\.[0-9_]+)(?:[eE][-+][0-9]+)?");
  /** Base-60 numbers, {@code 1:30} and {@code 1:30.5}, checked part by part (a repeated regex group recurses). */
  private static final Pattern SEXAGESIMAL_HEAD_INT = Pattern.compile("[-+]?[1-9][0-9_]*");
  private static final Pattern SEXAGESIMAL_HEAD_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*");
  private static final Pattern SEXAGESIMAL_PART = Pattern.compile("[0-5]?[0-9]");
  private static final Pattern SEXAGESIMAL_LAST_FLOAT = Pattern.compile("[0-5]?[0-9]\\.[0-9_]*");
  private static final Pattern TIMESTAMP_11 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}"
              + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
              + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");

  private static final Pattern NULL_CORE = NULL_11;
  private static final Pattern TRUE_CORE = Pattern.compile("true|True|TRUE");
  private static final Pattern FALSE_CORE = Pattern.compile("false|False|FALSE");
  private static final Pattern INT_CORE = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT_CORE =
      Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");

  /** The JSON schema knows only {@code null}; an empty value is null to every reader. */
  private static final Pattern NULL_JSON = Pattern.compile("null|");
  private static final Pattern INT_JSON = Pattern.compile("-?(?:0|[1-9][0-9]*)");
  private static final Pattern FLOAT_JSON = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?");

  private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(?:inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(?:nan|NaN|NAN)");
  private static final Pattern UTC_INSTANT =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?Z");

  /** Longer numbers are refused unread: readers hold them differently, and reading them costs. */
  private static final int MAX_NUMBER_LENGTH = 100;

  private PlainScalarReadings() {}

  /** One reader's reading: a kind ({@code text}, {@code integer}, ...) and a comparable value. */
  private record Reading(String kind, Object value) {
    String describe() {
      return switch (kind) {
        case "text" -> "the text '" + Text.printable((String) value) + "'";
        case "null" -> "null";
        case "timestamp", "merge key", "value key" -> "a " + kind;
        default -> "the " + kind + " " + (value == null ? "(invalid)" : value);
      };
    }
  }

  /**
   * Says how readers disagree on a plain scalar.
   *
   * @param plain the scalar's text, written without quotes
   * @return empty when every reader reads it alike; otherwise a sentence naming the readings
   */
  static Optional<String> disagreement(String plain) {
    if (!plain.isEmpty() && Character.isLetter(plain.charAt(0)) && "yYnNoOtTfF".indexOf(plain.charAt(0)) < 0) {
      return Optional.empty(); // text to every reader: no null, boolean, number or date starts so
    }
    if (plain.length() > MAX_NUMBER_LENGTH && isNumber(plain)) {
      return Optional.of(
          "plain '" + Text.printable(plain) + "' is a number of more than " + MAX_NUMBER_LENGTH
              + " characters, which YAML readers do not hold alike");
    }
    Reading yaml11 = yaml11(plain);
    Reading core = core(plain);
    Reading json = json(plain);
    if (yaml11.kind().equals("timestamp") && core.kind().equals("text") && isUtcInstant(plain)) {
      yaml11 = core;
    }
    if (!yaml11.equals(core)) {
      return Optional.of(
          "YAML 1.1 reads plain '" + Text.printable(plain) + "' as " + yaml11.describe()
              + ", but YAML 1.2 as " + core.describe());
    }
    if (!core.equals(json)) {
      return Optional.of(
          "YAML 1.1 and the YAML 1.2 core schema read plain '" + Text.printable(plain) + "' as "
              + core.describe() + ", but the YAML 1.2 JSON schema as " + json.describe());
    }
    return Optional.empty();
  }

  private static boolean isNumber(String s) {
    return isSexagesimal(s, false)
        || isSexagesimal(s, true)
        || Stream.of(INT_11, FLOAT_11, INT_CORE, FLOAT_CORE).anyMatch(p -> p.matcher(s).matches());
  }

  private static Reading yaml11(String s) {
    if (NULL_11.matcher(s).matches()) {
      return new Reading("null", null);
    } else if (TRUE_11.matcher(s).matches() || FALSE_11.matcher(s).matches()) {
      return new Reading("boolean", TRUE_11.matcher(s).matches());
    } else if (INT_11.matcher(s).matches()) {
      return new Reading("integer", integer11(s));
    } else if (isSexagesimal(s, false)) {
      return new Reading("integer", sexagesimal(s).toBigInteger());
    } else if (FLOAT_11.matcher(s).matches()) {
      return new Reading("number", decimal(s.replace("_", "")));
    } else if (isSexagesimal(s, true)) {
      return new Reading("number", sexagesimal(s).doubleValue());
    } else if (INFINITY.matcher(s).matches() || NAN.matcher(s).matches()) {
      return special(s);
    } else if (TIMESTAMP_11.matcher(s).matches()) {
      return new Reading("timestamp", s);
    } else if (s.equals("<<")) {
      return new Reading("merge key", s);
    } else if (s.equals("=")) {
      return new Reading("value key", s);
    }
    return new Reading("text", s);
  }

  private static Reading core(String s) {
    if (NULL_CORE.matcher(s).matches()) {
      return new Reading("null", null);
    } else if (TRUE_CORE.matcher(s).matches() || FALSE_CORE.matcher(s).matches()) {
      return new Reading("boolean", TRUE_CORE.matcher(s).matches());
    } else if (INT_CORE.matcher(s).matches()) {
      int radix = s.startsWith("0o") ? 8 : s.startsWith("0x") ? 16 : 10;
      return new Reading("integer", new BigInteger(radix == 10 ? s : s.substring(2), radix));
    } else if (FLOAT_CORE.matcher(s).matches()) {
      return new Reading("number", decimal(s));
    } else if (INFINITY.matcher(s).matches() || NAN.matcher(s).matches()) {
      return special(s);
    }
    return new Reading("text", s);
  }

  private static Reading json(String s) {
    if (NULL_JSON.matcher(s).matches()) {
      return new Reading("null", null);
    } else if (s.equals("true") || s.equals("false")) {
      return new Reading("boolean", s.equals("true"));
    } else if (INT_JSON.matcher(s).matches()) {
      return new Reading("integer", new BigInteger(s));
    } else if (FLOAT_JSON.matcher(s).matches()) {
      return new Reading("number", decimal(s));
    }
    return new Reading("text", s);
  }

  private static BigInteger integer11(String s) {
    boolean negative = s.startsWith("-");
    String digits = s.replaceFirst("^[-+]", "").replace("_", "");
    int radix = 10;
    if (digits.startsWith("0b") || digits.startsWith("0x")) {
      radix = digits.charAt(1) == 'b' ? 2 : 16;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
    }
    BigInteger value = digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, radix);
    return negative ? value.negate() : value;
  }

  private static boolean isSexagesimal(String s, boolean fraction) {
    String[] parts = s.split(":", -1);
    if (parts.length < 2 || !(fraction ? SEXAGESIMAL_HEAD_FLOAT : SEXAGESIMAL_HEAD_INT).matcher(parts[0]).matches()) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      Pattern part = fraction && i == parts.length - 1 ? SEXAGESIMAL_LAST_FLOAT : SEXAGESIMAL_PART;
      if (!part.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A base-60 number such as {@code 1:30} (90) or {@code 1:30.5} (90.5). */
  private static BigDecimal sexagesimal(String s) {
    boolean negative = s.startsWith("-");
    BigDecimal value = BigDecimal.ZERO;
    for (String part : s.replaceFirst("^[-+]", "").replace("_", "").split(":")) {
      value = value.multiply(BigDecimal.valueOf(60)).add(new BigDecimal(part.endsWith(".") ? part + "0" : part));
    }
    return negative ? value.negate() : value;
  }

  /** A decimal number as a double, or null when the text is not one (such as an underscore alone). */
  private static Double decimal(String s) {
    try {
      return Double.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Reading special(String s) {
    double value =
        NAN.matcher(s).matches() ? Double.NaN : s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    return new Reading("number", value);
  }

  private static boolean isUtcInstant(String s) {
    if (!UTC_INSTANT.matcher(s).matches()) {
      return false;
    }
    try {
      Instant.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
