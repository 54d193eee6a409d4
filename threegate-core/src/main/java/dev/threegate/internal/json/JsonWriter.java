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

/**
 * Writes one JSON document, member by member, in the order given: what is written is exactly what
 * is signed, so nothing is reordered. Strings are escaped as RFC 8259 requires (quote, backslash,
 * control characters) and U+2028, U+2029 too; other characters are written as they are. A string
 * with an unpaired surrogate cannot be encoded as UTF-8 and is refused. Misuse (a value where a
 * member name belongs, an unclosed object) throws {@link IllegalStateException}.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private final String indent;
  /** Per open container: whether it has an item yet; 'o' or 'a' for its kind. */
  private final StringBuilder open = new StringBuilder();
  private final StringBuilder filled = new StringBuilder();
  private boolean nameWritten;
  private boolean done;

  private JsonWriter(String indent) {
    this.indent = indent;
  }

  /**
   * A writer of compact JSON: no whitespace between tokens.
   *
   * @return a new writer
   */
  public static JsonWriter compact() {
    return new JsonWriter(null);
  }

  /**
   * A writer of JSON for people: one member or item a line, indented by two spaces.
   *
   * @return a new writer
   */
  public static JsonWriter pretty() {
    return new JsonWriter("  ");
  }

  /**
   * Opens an object.
   *
   * @return this writer
   */
  public JsonWriter beginObject() {
    beforeValue(true);
    out.append('{');
    open.append('o');
    filled.append('0');
    return this;
  }

  /**
   * Closes the innermost object.
   *
   * @return this writer
   */
  public JsonWriter endObject() {
    return close('o', '}');
  }

  /**
   * Opens an array.
   *
   * @return this writer
   */
  public JsonWriter beginArray() {
    beforeValue(true);
    out.append('[');
    open.append('a');
    filled.append('0');
    return this;
  }

  /**
   * Closes the innermost array.
   *
   * @return this writer
   */
  public JsonWriter endArray() {
    return close('a', ']');
  }

  /**
   * Writes a member's name; its value comes next.
   *
   * @param name the name
   * @return this writer
   */
  public JsonWriter name(String name) {
    if (!inside('o') || nameWritten) {
      throw new IllegalStateException("a member name belongs directly inside an object");
    }
    separate();
    quote(name);
    out.append(indent == null ? ":" : ": ");
    nameWritten = true;
    return this;
  }

  /**
   * Writes a string value.
   *
   * @param value the string
   * @return this writer
   */
  public JsonWriter value(String value) {
    beforeValue(false);
    quote(value);
    return this;
  }

  /**
   * Writes a number value.
   *
   * @param value the number
   * @return this writer
   */
  public JsonWriter value(long value) {
    beforeValue(false);
    out.append(value);
    return this;
  }

  /**
   * Writes a member with a string value.
   *
   * @param name the member's name
   * @param value its value
   * @return this writer
   */
  public JsonWriter member(String name, String value) {
    return name(name).value(value);
  }

  /**
   * The document written.
   *
   * @return the JSON text
   * @throws IllegalStateException if a container is still open or nothing was written
   */
  public String toJson() {
    if (!done || open.length() != 0) {
      throw new IllegalStateException("the document is not complete");
    }
    return out.toString();
  }

  private void beforeValue(boolean container) {
    if (done) {
      throw new IllegalStateException("the document is complete");
    }
    if (open.length() == 0) {
      if (!container) {
        throw new IllegalStateException("a document is an object or an array");
      }
      return;
    }
    if (inside('o')) {
      if (!nameWritten) {
        throw new IllegalStateException("a value inside an object needs a member name first");
      }
      nameWritten = false;
    } else {
      separate();
    }
  }

  private void separate() {
    int last = filled.length() - 1;
    if (filled.charAt(last) == '1') {
      out.append(',');
    }
    filled.setCharAt(last, '1');
    newline(open.length());
  }

  private JsonWriter close(char kind, char bracket) {
    if (!inside(kind) || nameWritten) {
      throw new IllegalStateException("nothing to close with " + bracket);
    }
    int last = open.length() - 1;
    boolean hadItems = filled.charAt(last) == '1';
    open.setLength(last);
    filled.setLength(last);
    if (hadItems) {
      newline(open.length());
    }
    out.append(bracket);
    if (open.length() == 0) {
      done = true;
    }
    return this;
  }

  private void newline(int level) {
    if (indent != null) {
      out.append('\n').append(indent.repeat(level));
    }
  }

  private boolean inside(char kind) {
    return open.length() > 0 && open.charAt(open.length() - 1) == kind;
  }

  private void quote(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException("unpaired surrogate in a JSON string");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
