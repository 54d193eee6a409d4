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
package dev.threegate.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for documents the gate verifies (signature bundles and their
 * statements). Strict where JSON parsers usually are lenient, because a document read two ways is
 * a document an attacker can make say two things: a duplicate member name, an unpaired surrogate,
 * a control character, a byte order mark, trailing content or nesting deeper than {@link
 * #MAX_DEPTH} is refused, as is a number longer than {@link #MAX_NUMBER_CHARS}. One pass, linear
 * in the input; the caller bounds the input's size.
 *
 * <p>Values are a {@link JsonObject}, a {@link List} of values, a {@link String}, a {@link
 * BigDecimal}, a {@link Boolean} or {@link JsonObject#NULL}.
 */
public final class JsonReader {
  /** The deepest nesting of objects and arrays accepted. */
  public static final int MAX_DEPTH = 32;

  /** The longest number accepted, in characters: a longer one would cost more than linear time to convert. */
  public static final int MAX_NUMBER_CHARS = 64;

  private final String text;
  private int at;
  private int depth;

  private JsonReader(String text) {
    this.text = text;
  }

  /**
   * Reads one JSON document.
   *
   * @param text the whole document
   * @return its top-level value
   * @throws JsonException if the text is not exactly one JSON value, with surrounding whitespace
   */
  public static Object read(String text) {
    JsonReader reader = new JsonReader(text);
    reader.skipWhitespace();
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.at != text.length()) {
      throw reader.error("content after the JSON value");
    }
    return value;
  }

  /**
   * Reads one JSON document whose top-level value must be an object.
   *
   * @param text the whole document
   * @return the object
   * @throws JsonException if the text is not exactly one JSON object
   */
  public static JsonObject readObject(String text) {
    Object value = read(text);
    if (!(value instanceof JsonObject object)) {
      throw new JsonException("the document is not a JSON object");
    }
    return object;
  }

  private Object value() {
    if (at >= text.length()) {
      throw error("a value was expected, the document ended");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", JsonObject.NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character " + describe(c));
      }
    };
  }

  private JsonObject object() {
    enter();
    at++;
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      at++;
      depth--;
      return new JsonObject(Collections.unmodifiableMap(members));
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("a member name in quotes was expected");
      }
      int nameAt = at;
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = value();
      if (members.putIfAbsent(name, value) != null) {
        at = nameAt;
        throw error("duplicate member name \"" + name + "\"");
      }
      skipWhitespace();
      char c = peek();
      at++;
      if (c == '}') {
        depth--;
        return new JsonObject(Collections.unmodifiableMap(members));
      }
      if (c != ',') {
        at--;
        throw error("',' or '}' was expected");
      }
    }
  }

  private List<Object> array() {
    enter();
    at++;
    List<Object> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      at++;
      depth--;
      return Collections.unmodifiableList(items);
    }
    while (true) {
      skipWhitespace();
      items.add(value());
      skipWhitespace();
      char c = peek();
      at++;
      if (c == ']') {
        depth--;
        return Collections.unmodifiableList(items);
      }
      if (c != ',') {
        at--;
        throw error("',' or ']' was expected");
      }
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
  }

  private String string() {
    at++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("the string is not closed");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        at--;
        throw error("control character " + describe(c) + " in a string");
      }
      if (c == '\\') {
        c = escape();
      }
      if (Character.isHighSurrogate(c)) {
        out.append(c);
        char low = lowSurrogate();
        out.append(low);
      } else if (Character.isLowSurrogate(c)) {
        at--;
        throw error("unpaired surrogate");
      } else {
        out.append(c);
      }
    }
  }

  private char lowSurrogate() {
    if (at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
      return text.charAt(at++);
    }
    if (text.startsWith("\\u", at)) {
      int start = at;
      at++;
      char c = escape();
      if (Character.isLowSurrogate(c)) {
        return c;
      }
      at = start;
    }
    throw error("unpaired surrogate");
  }

  private char escape() {
    if (at >= text.length()) {
      throw error("the string is not closed");
    }
    char c = text.charAt(at++);
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        if (at + 4 > text.length()) {
          throw error("a \\u escape needs four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(text.charAt(at + i), 16);
          if (digit < 0 || text.charAt(at + i) > 'f') {
            throw error("a \\u escape needs four hex digits");
          }
          value = value * 16 + digit;
        }
        at += 4;
        yield (char) value;
      }
      default -> {
        at--;
        throw error("unknown escape \\" + describe(c));
      }
    };
  }

  private BigDecimal number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("a digit was expected");
    }
    if (peek() == '.') {
      at++;
      if (!isDigit(peek())) {
        throw error("a digit was expected after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!isDigit(peek())) {
        throw error("a digit was expected in the exponent");
      }
      int exponentStart = at;
      digits();
      if (at - exponentStart > 9) {
        throw error("the exponent is too large");
      }
    }
    if (at - start > MAX_NUMBER_CHARS) {
      at = start;
      throw error("a number longer than " + MAX_NUMBER_CHARS + " characters");
    }
    return new BigDecimal(text.substring(start, at));
  }

  private void digits() {
    while (isDigit(peek())) {
      at++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected character " + describe(text.charAt(at)));
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "' was expected");
    }
    at++;
  }

  /** The character at the current position, or U+0000 at the end (never valid there). */
  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipWhitespace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private static String describe(char c) {
    return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private JsonException error(String message) {
    return new JsonException(message + " at offset " + at);
  }
}
