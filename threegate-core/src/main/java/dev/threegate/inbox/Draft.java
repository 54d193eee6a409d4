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
package dev.threegate.inbox;

import dev.threegate.request.Backend;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.Language;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.ResourceLimits;
import dev.threegate.request.RiskAssessment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent asks to run, as a small typed value: the {@link Inbox} turns it into a Tool
 * Request, filling in what a human must not have to type (the id, the time, {@code requested_by:
 * core_draft}) and leaving the approval empty. Nothing here can set an approval.
 *
 * <p>Values are checked when the inbox {@link Inbox#submit(Draft) submits} the draft, by the
 * policy, so that every problem is reported at once; the builder only refuses {@code null}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Draft draft = Draft.builder()
 *     .purpose("Count the rows of the CSV.")
 *     .language(Language.PYTHON)
 *     .command("python3 /in/count.py /in/data.csv")
 *     .input("count.py", script)
 *     .input("data.csv", Path.of("data.csv"))
 *     .risk(RiskAssessment.Level.LOW, "reads the two files, prints one number")
 *     .build();
 * }</pre>
 */
public final class Draft {
  /** The limits a draft asks for unless it says otherwise: 1 CPU, 256 MiB, 60 s. */
  public static final ResourceLimits DEFAULT_LIMITS = new ResourceLimits(1, 256, 60);

  private final String purpose;
  private final Language language;
  private final String command;
  private final Optional<Backend> backend;
  private final NetworkMode network;
  private final List<String> networkAllowlist;
  private final ResourceLimits limits;
  private final List<Input> inputs;
  private final List<ExpectedOutput> outputs;
  private final RiskAssessment.Level riskLevel;
  private final String justification;
  private final String dataSensitivity;

  private Draft(Builder builder) {
    this.purpose = Objects.requireNonNull(builder.purpose, "purpose");
    this.language = Objects.requireNonNull(builder.language, "language");
    this.command = Objects.requireNonNull(builder.command, "command");
    this.backend = builder.backend;
    this.network = builder.network;
    this.networkAllowlist = List.copyOf(builder.networkAllowlist);
    this.limits = builder.limits;
    this.inputs = List.copyOf(builder.inputs);
    this.outputs = List.copyOf(builder.outputs);
    this.riskLevel = builder.riskLevel;
    this.justification = builder.justification;
    this.dataSensitivity = builder.dataSensitivity;
  }

  /**
   * A builder; the purpose, the language and the command are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Why the agent asks to run it, one line.
   *
   * @return the purpose
   */
  public String purpose() {
    return purpose;
  }

  /**
   * The language of the command.
   *
   * @return the language
   */
  public Language language() {
    return language;
  }

  /**
   * The command, one line.
   *
   * @return the command
   */
  public String command() {
    return command;
  }

  /**
   * The backend asked for; empty leaves it to the inbox (the runner's backend).
   *
   * @return the backend, if asked for
   */
  public Optional<Backend> backend() {
    return backend;
  }

  /**
   * The network asked for.
   *
   * @return the network mode, {@link NetworkMode#NONE} unless set
   */
  public NetworkMode network() {
    return network;
  }

  /**
   * The destinations asked for when the network is {@link NetworkMode#ALLOWLIST}.
   *
   * @return the allowlist, empty unless set
   */
  public List<String> networkAllowlist() {
    return networkAllowlist;
  }

  /**
   * The limits asked for.
   *
   * @return the limits, {@link #DEFAULT_LIMITS} unless set
   */
  public ResourceLimits limits() {
    return limits;
  }

  /**
   * The files attached, by the name the command sees under {@code /in}.
   *
   * @return the inputs, in the order added
   */
  public List<Input> inputs() {
    return inputs;
  }

  /**
   * The files the command is expected to leave under {@code /out}.
   *
   * @return the expected outputs
   */
  public List<ExpectedOutput> outputs() {
    return outputs;
  }

  /**
   * The risk the agent assesses.
   *
   * @return the risk level, {@link RiskAssessment.Level#LOW} unless set
   */
  public RiskAssessment.Level riskLevel() {
    return riskLevel;
  }

  /**
   * Why the risk is what it is, one line.
   *
   * @return the justification
   */
  public String justification() {
    return justification;
  }

  /**
   * How sensitive the data is, one line.
   *
   * @return the data sensitivity, {@code unspecified} unless set
   */
  public String dataSensitivity() {
    return dataSensitivity;
  }

  @Override
  public String toString() {
    return "Draft[" + language.wireName() + ", " + inputs.size() + " input(s), purpose " + purpose.length() + " chars]";
  }

  /**
   * A file attached to a draft: its bytes, or a file on the host's disk read when the draft is
   * submitted (a regular file, links not followed).
   *
   * @param name the name under {@code /in}
   * @param content the bytes, when given as bytes
   * @param file the host file, when given as a path
   */
  public record Input(String name, Optional<byte[]> content, Optional<Path> file) {
    /**
     * Checks the components: exactly one of the bytes and the file.
     *
     * @param name the name under {@code /in}
     * @param content the bytes, when given as bytes
     * @param file the host file, when given as a path
     */
    public Input {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(file, "file");
      if (content.isPresent() == file.isPresent()) {
        throw new IllegalArgumentException("an input has either bytes or a file");
      }
      content = content.map(byte[]::clone);
    }

    /**
     * The bytes, when given as bytes; a copy.
     *
     * @return the bytes
     */
    @Override
    public Optional<byte[]> content() {
      return content.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Input that && name.equals(that.name) && file.equals(that.file)
          && content.isPresent() == that.content.isPresent()
          && (content.isEmpty() || java.util.Arrays.equals(content.get(), that.content.get()));
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, file, content.map(java.util.Arrays::hashCode).orElse(0));
    }

    @Override
    public String toString() {
      return "Input[" + name + (content.isPresent() ? ", " + content.get().length + " bytes" : ", file " + file.get()) + "]";
    }
  }

  /** Builds a {@link Draft}; not thread-safe. */
  public static final class Builder {
    private String purpose;
    private Language language;
    private String command;
    private Optional<Backend> backend = Optional.empty();
    private NetworkMode network = NetworkMode.NONE;
    private List<String> networkAllowlist = List.of();
    private ResourceLimits limits = DEFAULT_LIMITS;
    private final List<Input> inputs = new ArrayList<>();
    private final List<ExpectedOutput> outputs = new ArrayList<>();
    private RiskAssessment.Level riskLevel = RiskAssessment.Level.LOW;
    private String justification = "";
    private String dataSensitivity = "unspecified";

    private Builder() {}

    /**
     * Sets why the agent asks to run it.
     *
     * @param value one line
     * @return this builder
     */
    public Builder purpose(String value) {
      this.purpose = Objects.requireNonNull(value, "purpose");
      return this;
    }

    /**
     * Sets the language.
     *
     * @param value the language
     * @return this builder
     */
    public Builder language(Language value) {
      this.language = Objects.requireNonNull(value, "language");
      return this;
    }

    /**
     * Sets the command.
     *
     * @param value one line, as the request's {@code ## Command}
     * @return this builder
     */
    public Builder command(String value) {
      this.command = Objects.requireNonNull(value, "command");
      return this;
    }

    /**
     * Asks for a backend.
     *
     * @param value the backend
     * @return this builder
     */
    public Builder backend(Backend value) {
      this.backend = Optional.of(Objects.requireNonNull(value, "backend"));
      return this;
    }

    /**
     * Asks for network access to these destinations ({@code network: allowlist}); the policy
     * decides whether it is allowed.
     *
     * @param destinations the destinations
     * @return this builder
     */
    public Builder networkAllowlist(List<String> destinations) {
      this.networkAllowlist = List.copyOf(destinations);
      this.network = NetworkMode.ALLOWLIST;
      return this;
    }

    /**
     * Sets the limits.
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Attaches a file given as bytes.
     *
     * @param name the name under {@code /in}
     * @param content the bytes (copied)
     * @return this builder
     */
    public Builder input(String name, byte[] content) {
      inputs.add(new Input(name, Optional.of(Objects.requireNonNull(content, "content")), Optional.empty()));
      return this;
    }

    /**
     * Attaches a file of the host's disk, read when the draft is submitted. For hosts only: never
     * pass a path an agent chose, or the agent reads the host's files.
     *
     * @param name the name under {@code /in}
     * @param file the host file
     * @return this builder
     */
    public Builder input(String name, Path file) {
      inputs.add(new Input(name, Optional.empty(), Optional.of(Objects.requireNonNull(file, "file"))));
      return this;
    }

    /**
     * Declares a file the command is expected to leave.
     *
     * @param path the path under {@code /out}
     * @param description what it holds, one line
     * @return this builder
     */
    public Builder output(String path, String description) {
      outputs.add(new ExpectedOutput(path, description));
      return this;
    }

    /**
     * Sets the risk assessment.
     *
     * @param level the risk level
     * @param why the justification, one line
     * @return this builder
     */
    public Builder risk(RiskAssessment.Level level, String why) {
      this.riskLevel = Objects.requireNonNull(level, "level");
      this.justification = Objects.requireNonNull(why, "why");
      return this;
    }

    /**
     * Sets how sensitive the data is.
     *
     * @param value one line
     * @return this builder
     */
    public Builder dataSensitivity(String value) {
      this.dataSensitivity = Objects.requireNonNull(value, "dataSensitivity");
      return this;
    }

    /**
     * Builds the draft.
     *
     * @return the draft
     * @throws NullPointerException if the purpose, the language or the command is missing
     */
    public Draft build() {
      return new Draft(this);
    }
  }
}
