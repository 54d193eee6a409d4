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
package dev.threegate.mcp.internal;

import dev.threegate.problem.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small subset of JSON Schema that is both published to MCP clients ({@link #toMap()}) and
 * enforced on the arguments received ({@link #check}), so that the two cannot drift apart: strings
 * (length bounds, an enumeration), integers (bounds), arrays (item count) and objects (required
 * properties, never an unknown one).
 */
public abstract sealed class ArgumentSchema {
  private final String description;

  private ArgumentSchema(String description) {
    this.description = Objects.requireNonNull(description, "description");
  }

  /** A string of {@code min..max} characters. */
  public static Str string(String description, int min, int max) {
    return new Str(description, min, max, List.of());
  }

  /** One of the given strings. */
  public static Str oneOf(String description, List<String> values) {
    return new Str(description, 1, values.stream().mapToInt(String::length).max().orElse(0), values);
  }

  /** An integer in {@code min..max}. */
  public static Int integer(String description, long min, long max) {
    return new Int(description, min, max);
  }

  /** An array of at most {@code maxItems} items. */
  public static Arr array(String description, ArgumentSchema items, int maxItems) {
    return new Arr(description, items, maxItems);
  }

  /** An object builder; no property but those declared is accepted. */
  public static Obj.Builder object(String description) {
    return new Obj.Builder(description);
  }

  /** The schema as JSON Schema, for the tool's declaration. */
  public final Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    describe(map);
    if (!description.isEmpty()) {
      map.put("description", description);
    }
    return map;
  }

  abstract void describe(Map<String, Object> map);

  /**
   * Checks a value, adding one violation for each problem found.
   *
   * @param value the value as the JSON mapper read it
   * @param where where it is, for the messages
   * @param problems where the violations go
   */
  public abstract void check(Object value, String where, List<Violation> problems);

  static void problem(List<Violation> problems, String where, String message) {
    problems.add(new Violation("mcp.argument", where, message));
  }

  static String typeOf(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof List) {
      return "an array";
    } else if (value instanceof Map) {
      return "an object";
    }
    return "a value of an unknown type";
  }

  /** A string schema. */
  public static final class Str extends ArgumentSchema {
    private final int min;
    private final int max;
    private final List<String> values;

    Str(String description, int min, int max, List<String> values) {
      super(description);
      this.min = min;
      this.max = max;
      this.values = List.copyOf(values);
    }

    @Override
    void describe(Map<String, Object> map) {
      map.put("type", "string");
      if (!values.isEmpty()) {
        map.put("enum", values);
      } else {
        map.put("minLength", min);
        map.put("maxLength", max);
      }
    }

    @Override
    public void check(Object value, String where, List<Violation> problems) {
      if (!(value instanceof String text)) {
        problem(problems, where, where + " must be a string, not " + typeOf(value));
      } else if (!values.isEmpty() && !values.contains(text)) {
        problem(problems, where, where + " must be one of " + String.join(", ", values) + ", not " + Sanitizer.quote(text, 40));
      } else if (text.length() < min) {
        problem(problems, where, where + (min == 1 ? " must not be empty" : " must have at least " + min + " characters"));
      } else if (text.length() > max) {
        problem(problems, where, where + " has " + text.length() + " characters; at most " + max + " are accepted");
      }
    }
  }

  /** An integer schema. */
  public static final class Int extends ArgumentSchema {
    private final long min;
    private final long max;

    Int(String description, long min, long max) {
      super(description);
      this.min = min;
      this.max = max;
    }

    @Override
    void describe(Map<String, Object> map) {
      map.put("type", "integer");
      map.put("minimum", min);
      map.put("maximum", max);
    }

    @Override
    public void check(Object value, String where, List<Violation> problems) {
      if (!(value instanceof Number number)) {
        problem(problems, where, where + " must be an integer, not " + typeOf(value));
        return;
      }
      BigDecimal decimal;
      try {
        decimal = new BigDecimal(number.toString());
      } catch (NumberFormatException e) {
        problem(problems, where, where + " must be an integer");
        return;
      }
      if (decimal.stripTrailingZeros().scale() > 0) {
        problem(problems, where, where + " must be an integer");
      } else if (decimal.compareTo(BigDecimal.valueOf(min)) < 0 || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
        problem(problems, where, where + " must be between " + min + " and " + max);
      }
    }

    /** The value of an argument this schema accepted. */
    static long value(Object value) {
      return new BigDecimal(value.toString()).longValueExact();
    }
  }

  /** An array schema. */
  public static final class Arr extends ArgumentSchema {
    private final ArgumentSchema items;
    private final int maxItems;

    Arr(String description, ArgumentSchema items, int maxItems) {
      super(description);
      this.items = Objects.requireNonNull(items, "items");
      this.maxItems = maxItems;
    }

    @Override
    void describe(Map<String, Object> map) {
      map.put("type", "array");
      map.put("items", items.toMap());
      map.put("maxItems", maxItems);
    }

    @Override
    public void check(Object value, String where, List<Violation> problems) {
      if (!(value instanceof List<?> list)) {
        problem(problems, where, where + " must be an array, not " + typeOf(value));
      } else if (list.size() > maxItems) {
        problem(problems, where, where + " has " + list.size() + " items; at most " + maxItems + " are accepted");
      } else {
        for (int i = 0; i < list.size(); i++) {
          items.check(list.get(i), where + "[" + i + "]", problems);
        }
      }
    }
  }

  /** An object schema: declared properties only, the required ones present. */
  public static final class Obj extends ArgumentSchema {
    private final Map<String, ArgumentSchema> properties;
    private final Set<String> required;
    private final Map<String, String> forbidden;
    private final List<List<String>> exactlyOne;

    private Obj(Builder builder) {
      super(builder.description);
      this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
      this.required = Set.copyOf(builder.required);
      this.forbidden = Map.copyOf(builder.forbidden);
      this.exactlyOne = List.copyOf(builder.exactlyOne);
    }

    /** The names of the properties accepted, in declaration order. */
    public Set<String> propertyNames() {
      return properties.keySet();
    }

    @Override
    void describe(Map<String, Object> map) {
      map.put("type", "object");
      Map<String, Object> props = new LinkedHashMap<>();
      properties.forEach((name, schema) -> props.put(name, schema.toMap()));
      map.put("properties", props);
      List<String> requiredInOrder = properties.keySet().stream().filter(required::contains).toList();
      if (!requiredInOrder.isEmpty()) {
        map.put("required", requiredInOrder);
      }
      if (!exactlyOne.isEmpty()) {
        List<Object> oneOf = new ArrayList<>();
        for (List<String> group : exactlyOne) {
          for (String name : group) {
            oneOf.add(Map.of("required", List.of(name)));
          }
        }
        map.put("oneOf", oneOf);
      }
      map.put("additionalProperties", false);
    }

    @Override
    public void check(Object value, String where, List<Violation> problems) {
      if (!(value instanceof Map<?, ?> map)) {
        problem(problems, where, where + " must be an object, not " + typeOf(value));
        return;
      }
      String prefix = where.isEmpty() ? "" : where + ".";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String name = String.valueOf(entry.getKey());
        ArgumentSchema schema = properties.get(name);
        if (schema == null) {
          String why = forbidden.get(name);
          problem(problems, prefix + Sanitizer.oneLine(name, 64), "unknown field " + Sanitizer.quote(name, 64)
              + (why != null ? ": " + why : "") + "; accepted fields" + (where.isEmpty() ? "" : " of " + where)
              + ": " + String.join(", ", properties.keySet()));
        } else if (entry.getValue() == null && !required.contains(name)) {
          continue; // an optional field given as null is absent
        } else {
          schema.check(entry.getValue(), prefix + name, problems);
        }
      }
      for (String name : properties.keySet()) {
        if (required.contains(name) && map.get(name) == null) {
          problem(problems, prefix + name, prefix + name + " is required");
        }
      }
      for (List<String> group : exactlyOne) {
        long present = group.stream().filter(name -> map.get(name) != null).count();
        if (present != 1) {
          problem(problems, where.isEmpty() ? "arguments" : where, (where.isEmpty() ? "the arguments" : where)
              + " must have exactly one of " + String.join(", ", group));
        }
      }
    }

    /** Builds an {@link Obj}. */
    public static final class Builder {
      private final String description;
      private final Map<String, ArgumentSchema> properties = new LinkedHashMap<>();
      private final Set<String> required = new java.util.HashSet<>();
      private final Map<String, String> forbidden = new LinkedHashMap<>();
      private final List<List<String>> exactlyOne = new ArrayList<>();

      Builder(String description) {
        this.description = description;
      }

      /** A required property. */
      public Builder required(String name, ArgumentSchema schema) {
        properties.put(name, schema);
        required.add(name);
        return this;
      }

      /** An optional property. */
      public Builder optional(String name, ArgumentSchema schema) {
        properties.put(name, schema);
        return this;
      }

      /** Exactly one of these (optional) properties must be present. */
      public Builder exactlyOne(String... names) {
        exactlyOne.add(List.of(names));
        return this;
      }

      /** A property refused with a reason of its own (it is refused like any unknown one). */
      public Builder forbidden(String name, String why) {
        forbidden.put(name, why);
        return this;
      }

      /** The schema. */
      public Obj build() {
        return new Obj(this);
      }
    }
  }
}
