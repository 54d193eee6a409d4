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
package dev.threegate.internal.policy;

import dev.threegate.exec.OutputBudget;
import java.time.Duration;
import dev.threegate.exec.Isolation;
import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.text.Text;
import dev.threegate.internal.yaml.FieldReader;
import dev.threegate.internal.yaml.Problems;
import dev.threegate.internal.yaml.SafeYaml;
import dev.threegate.internal.yaml.YamlNode;
import dev.threegate.policy.ApprovalMode;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyFormatException;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads a policy file: knobs on top of {@link Policy#defaults()}, loaded as strictly as a request's
 * front matter (a plain {@code yes} or {@code 010} that YAML readers disagree on is refused).
 */
public final class PolicyFile {
  private static final int MAX_BYTES = 64 * 1024;

  private PolicyFile() {}

  /**
   * Reads a policy file.
   *
   * @param file the file
   * @return the policy
   * @throws IOException if it cannot be read
   */
  public static Policy read(Path file) throws IOException {
    String name = String.valueOf(file.getFileName());
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw failure(name, "format.too_large", 1, "the policy file is larger than " + MAX_BYTES + " bytes");
    }
    String text;
    try {
      text = Text.strictUtf8(bytes);
    } catch (CharacterCodingException e) {
      throw failure(name, "format.encoding", 1, "the policy file is not UTF-8 text");
    }
    return parse(name, text);
  }

  /**
   * Parses policy text.
   *
   * @param sourceName for messages
   * @param yaml the text
   * @return the policy
   */
  public static Policy parse(String sourceName, String yaml) {
    Problems problems = new Problems();
    String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    SafeYaml.Result loaded = SafeYaml.load(text, 1, SafeYaml.PlainScalars.UNAMBIGUOUS);
    problems.addAll(loaded.problems());
    Policy.Builder builder = Policy.defaults().newBuilder();
    if (loaded.root().isPresent()) {
      if (loaded.root().get() instanceof YamlNode.Mapping mapping) {
        read(new FieldReader(mapping, "", problems), builder, problems);
      } else if (!(loaded.root().get() instanceof YamlNode.Scalar s && s.isNull())) {
        problems.add("format.not_mapping", 1, "a policy file is a YAML mapping of knobs to values");
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyFormatException(sourceName, problems.inSourceOrder());
    }
    return builder.sourceSha256(Sha256.hex(yaml.getBytes(StandardCharsets.UTF_8))).build();
  }

  private static void read(FieldReader fields, Policy.Builder builder, Problems problems) {
    if (fields.has("allowed_languages")) {
      Set<Language> languages = EnumSet.noneOf(Language.class);
      for (String name : fields.stringList("allowed_languages")) {
        Optional<Language> language = Language.fromWireName(name.strip());
        if (language.isPresent()) {
          languages.add(language.get());
        } else {
          problems.add(
              "field.value",
              fields.lineOf("allowed_languages"),
              "allowed_languages",
              "unknown language '" + Text.printable(name) + "'; use python, node, ruby or go");
        }
      }
      builder.allowedLanguages(languages);
    }
    positive(fields, "max_cpu", Integer.MAX_VALUE, v -> builder.maxCpu((int) v), problems);
    positive(fields, "max_memory_mb", Long.MAX_VALUE, builder::maxMemoryMb, problems);
    positive(fields, "max_time_sec", Long.MAX_VALUE, builder::maxTimeSec, problems);
    positive(fields, "max_command_bytes", Integer.MAX_VALUE, v -> builder.maxCommandBytes((int) v), problems);
    fields.bool("allow_parentheses").ifPresent(builder::allowParentheses);
    fields.bool("allow_network_allowlist").ifPresent(builder::allowNetworkAllowlist);
    if (fields.has("network_allowlist_ceiling")) {
      List<String> ceiling = new ArrayList<>();
      for (String entry : fields.stringList("network_allowlist_ceiling")) {
        Optional<String> problem = NetworkNames.ceilingProblem(entry.strip());
        if (problem.isPresent()) {
          problems.add("field.value", fields.lineOf("network_allowlist_ceiling"), "network_allowlist_ceiling",
              Text.printable(problem.get()));
        } else {
          ceiling.add(entry.strip());
        }
      }
      builder.networkAllowlistCeiling(ceiling);
    }
    fields.bool("allow_private_destinations").ifPresent(builder::allowPrivateDestinations);
    fields
        .string("minimum_isolation", false)
        .filter(v -> !v.isEmpty())
        .ifPresent(
            v -> {
              try {
                builder.minimumIsolation(Isolation.valueOf(v.strip().toUpperCase(Locale.ROOT)));
              } catch (IllegalArgumentException e) {
                problems.add(
                    "field.value",
                    fields.lineOf("minimum_isolation"),
                    "minimum_isolation",
                    "minimum_isolation must be none, namespace or microvm, not '" + Text.printable(v) + "'");
              }
            });
    fields.bool("allow_non_ascii_arguments").ifPresent(builder::allowNonAsciiArguments);
    fields.mappings("programs", item -> {
      Optional<Language> language = item.string("language", true).flatMap(v -> language(item, v, problems));
      List<String> names = item.stringList("names");
      language.ifPresent(l -> names.forEach(name -> {
        try {
          builder.allowPrograms(l, name.strip());
        } catch (IllegalArgumentException e) {
          problems.add("field.value", item.lineOf("names"), item.path("names"), e.getMessage());
        }
      }));
      return names;
    });
    fields.mappings("backend_substitutions", item -> {
      Optional<Backend> requested = item.string("requested", true).flatMap(v -> backend(item, "requested", v, problems));
      List<Backend> used = item.stringList("allowed").stream()
          .flatMap(v -> backend(item, "allowed", v, problems).stream())
          .toList();
      requested.ifPresent(r -> used.forEach(u -> builder.allowSubstitution(r, u)));
      return used;
    });
    fields.bool("require_enforced_limits").ifPresent(builder::requireEnforcedLimits);
    positive(fields, "max_output_files", OutputBudget.MAX_FILES_CEILING, v -> builder.maxOutputFiles((int) v), problems);
    positive(fields, "max_output_bytes_total", Long.MAX_VALUE, builder::maxOutputBytesTotal, problems);
    positive(fields, "collection_time_sec", MAX_COLLECTION_SEC, v -> builder.collectionTime(Duration.ofSeconds(v)), problems);
    fields.string("approval", false).filter(v -> !v.isEmpty()).ifPresent(v -> {
      switch (v.strip()) {
        case "declared" -> builder.approval(ApprovalMode.DECLARED);
        case "signed" -> builder.approval(ApprovalMode.SIGNED);
        default -> problems.add("field.value", fields.lineOf("approval"), "approval",
            "approval must be declared or signed, not '" + Text.printable(v) + "'");
      }
    });
    positive(fields, "approval_max_age_sec", MAX_APPROVAL_AGE_SEC, v -> builder.approvalMaxAge(Duration.ofSeconds(v)), problems);
    fields.rejectUnread();
  }

  private static Optional<Language> language(FieldReader item, String value, Problems problems) {
    Optional<Language> language = Language.fromWireName(value.strip());
    if (language.isEmpty()) {
      problems.add("field.value", item.lineOf("language"), item.path("language"),
          "unknown language '" + Text.printable(value) + "'; use python, node, ruby or go");
    }
    return language;
  }

  private static Optional<Backend> backend(FieldReader item, String key, String value, Problems problems) {
    Optional<Backend> backend = Backend.fromWireName(value.strip()).filter(b -> b != Backend.MONTY);
    if (backend.isEmpty()) {
      problems.add("field.value", item.lineOf(key), item.path(key),
          "unknown backend '" + Text.printable(value) + "'; use ERA, bubblewrap or smolvm");
    }
    return backend;
  }

  private static void positive(FieldReader fields, String key, long max, LongConsumer setter, Problems problems) {
    if (!fields.has(key)) {
      return;
    }
    OptionalLong parsed = fields.integer(key);
    if (parsed.isEmpty()) {
      return;
    }
    long value = parsed.getAsLong();
    if (value < 1 || value > max) {
      problems.add("field.value", fields.lineOf(key), key, key + " must be between 1 and " + max + ", not " + value);
    } else {
      setter.accept(value);
    }
  }

  /** The longest collection time a policy file may set: one day. */
  private static final long MAX_COLLECTION_SEC = 86_400;

  /** The oldest a policy file may let a signed approval be: 30 days. */
  private static final long MAX_APPROVAL_AGE_SEC = 30L * 86_400;

  private static PolicyFormatException failure(String name, String code, int line, String message) {
    Problems problems = new Problems();
    problems.add(code, line, message);
    return new PolicyFormatException(name, problems.inSourceOrder());
  }
}
