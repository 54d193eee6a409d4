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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object read by {@link JsonReader}, with typed accessors that fail with the member's name
 * when a member is missing or of the wrong type.
 *
 * @param members the members in document order, unmodifiable
 */
public record JsonObject(Map<String, Object> members) {
  /** JSON's {@code null}. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /**
   * A required string member.
   *
   * @param name the member's name
   * @return its value
   * @throws JsonException if it is missing or not a string
   */
  public String string(String name) {
    return required(name, String.class, "a string");
  }

  /**
   * An optional string member.
   *
   * @param name the member's name
   * @return its value, empty if absent
   * @throws JsonException if it is present and not a string
   */
  public Optional<String> optionalString(String name) {
    return members.containsKey(name) ? Optional.of(string(name)) : Optional.empty();
  }

  /**
   * A required object member.
   *
   * @param name the member's name
   * @return its value
   * @throws JsonException if it is missing or not an object
   */
  public JsonObject object(String name) {
    return required(name, JsonObject.class, "an object");
  }

  /**
   * An optional object member.
   *
   * @param name the member's name
   * @return its value, empty if absent
   * @throws JsonException if it is present and not an object
   */
  public Optional<JsonObject> optionalObject(String name) {
    return members.containsKey(name) ? Optional.of(object(name)) : Optional.empty();
  }

  /**
   * A required array member.
   *
   * @param name the member's name
   * @return its items
   * @throws JsonException if it is missing or not an array
   */
  @SuppressWarnings("unchecked")
  public List<Object> array(String name) {
    return required(name, List.class, "an array");
  }

  /**
   * A required array member whose items are all objects.
   *
   * @param name the member's name
   * @return its items
   * @throws JsonException if it is missing, not an array, or holds anything but objects
   */
  public List<JsonObject> objects(String name) {
    List<Object> items = array(name);
    for (Object item : items) {
      if (!(item instanceof JsonObject)) {
        throw new JsonException("\"" + name + "\" must hold only objects");
      }
    }
    @SuppressWarnings("unchecked")
    List<JsonObject> objects = (List<JsonObject>) (List<?>) items;
    return objects;
  }

  /**
   * A required number member.
   *
   * @param name the member's name
   * @return its value
   * @throws JsonException if it is missing or not a number
   */
  public BigDecimal number(String name) {
    return required(name, BigDecimal.class, "a number");
  }

  /**
   * Whether a member is present (with any value, {@code null} included).
   *
   * @param name the member's name
   * @return true if present
   */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  private <T> T required(String name, Class<T> type, String what) {
    Object value = members.get(name);
    if (value == null) {
      throw new JsonException("\"" + name + "\" is missing");
    }
    if (!type.isInstance(value)) {
      throw new JsonException("\"" + name + "\" must be " + what);
    }
    return type.cast(value);
  }
}
