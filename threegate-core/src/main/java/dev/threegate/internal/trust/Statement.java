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
package dev.threegate.internal.trust;

import dev.threegate.internal.json.JsonException;
import dev.threegate.internal.json.JsonObject;
import dev.threegate.internal.json.JsonReader;
import dev.threegate.internal.json.JsonWriter;
import dev.threegate.internal.text.Text;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An in-toto Statement v1: the subjects (artifacts named with their SHA-256) and a typed
 * predicate about them.
 *
 * @param subjects the subjects, at least one
 * @param predicateType the predicate's type URI
 * @param predicate the predicate as read
 */
public record Statement(List<Subject> subjects, String predicateType, JsonObject predicate) {
  /** The statement type this version writes and reads. */
  public static final String TYPE = "https://in-toto.io/Statement/v1";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * One subject.
   *
   * @param name the artifact's name
   * @param sha256 its SHA-256, 64 lowercase hex digits
   */
  public record Subject(String name, String sha256) {}

  /**
   * Writes a statement as compact JSON bytes, ready to sign.
   *
   * @param subjects the subjects, in order
   * @param predicateType the predicate's type URI
   * @param predicate writes the predicate object's members (the object is opened and closed here)
   * @return UTF-8 JSON
   */
  public static byte[] write(
      List<Subject> subjects, String predicateType, Consumer<JsonWriter> predicate) {
    JsonWriter json = JsonWriter.compact().beginObject().member("_type", TYPE);
    json.name("subject").beginArray();
    for (Subject subject : subjects) {
      json.beginObject()
          .member("name", subject.name())
          .name("digest")
          .beginObject()
          .member("sha256", subject.sha256())
          .endObject()
          .endObject();
    }
    json.endArray().member("predicateType", predicateType).name("predicate").beginObject();
    predicate.accept(json);
    return json.endObject().endObject().toJson().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a statement from a verified payload.
   *
   * @param payload the payload's bytes, UTF-8 JSON
   * @return the statement
   * @throws JsonException if it is not UTF-8, not an in-toto Statement v1, or a subject lacks a
   *     well-formed SHA-256
   */
  public static Statement read(byte[] payload) {
    String text;
    try {
      text = Text.strictUtf8(payload);
    } catch (CharacterCodingException e) {
      throw new JsonException("the statement is not UTF-8");
    }
    JsonObject statement = JsonReader.readObject(text);
    if (!TYPE.equals(statement.string("_type"))) {
      throw new JsonException("not an in-toto Statement v1: _type " + statement.string("_type"));
    }
    List<Subject> subjects = new ArrayList<>();
    for (JsonObject subject : statement.objects("subject")) {
      String sha256 = subject.object("digest").string("sha256");
      if (!SHA256.matcher(sha256).matches()) {
        throw new JsonException("a subject's sha256 is not 64 lowercase hex digits");
      }
      subjects.add(new Subject(subject.string("name"), sha256));
    }
    if (subjects.isEmpty()) {
      throw new JsonException("the statement has no subject");
    }
    return new Statement(
        List.copyOf(subjects), statement.string("predicateType"), statement.object("predicate"));
  }
}
