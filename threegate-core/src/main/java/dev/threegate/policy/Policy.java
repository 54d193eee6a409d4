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
package dev.threegate.policy;

import dev.threegate.exec.Isolation;
import dev.threegate.exec.OutputBudget;
import dev.threegate.internal.policy.NetworkNames;
import dev.threegate.internal.policy.PolicyFile;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a Tool Request must meet before it may run. Immutable and thread-safe; build one with
 * {@link #builder()}, start from {@link #defaults()}, or {@link #read(Path) read} one from a small
 * YAML file.
 *
 * <p>Rules of thumb, as for every knob here: a builder starts by denying (no language allowed, the
 * smallest ceilings, no network allowlist, no parentheses in commands, namespace isolation at
 * least); every relaxation is explicit. Rules that are not knobs always hold: approval present and
 * not earlier than creation, a single command without chaining, redirection, substitution, shells,
 * package installation, host paths, privileged devices or embedded secrets, safe input names and
 * hashes, outputs under {@code /out/}, a declared risk level.
 *
 * <p>A policy is a value: two with the same values are equal. {@link #newBuilder()} derives a
 * variant of one.
 */
public final class Policy {

  private static final Pattern PROGRAM_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,63}");

  private static final Policy DEFAULTS =
      builder()
          .allowLanguages(Language.values())
          .maxCpu(4)
          .maxMemoryMb(8192)
          .maxTimeSec(3600)
          .maxCommandBytes(4096)
          .build();

  private static final Policy STRICT = DEFAULTS.newBuilder().approval(ApprovalMode.SIGNED).build();

  private final Set<Language> allowedLanguages;
  private final int maxCpu;
  private final long maxMemoryMb;
  private final long maxTimeSec;
  private final int maxCommandBytes;
  private final boolean allowParentheses;
  private final boolean allowNetworkAllowlist;
  private final List<String> networkAllowlistCeiling;
  private final boolean allowPrivateDestinations;
  private final Isolation minimumIsolation;
  private final boolean allowNonAsciiArguments;
  private final Map<Language, Set<String>> programs;
  private final Map<Backend, Set<Backend>> backendSubstitutions;
  private final boolean requireEnforcedLimits;
  private final OutputBudget outputBudget;
  private final ApprovalMode approval;
  private final Duration approvalMaxAge;
  private final String sourceSha256;

  /** The builder's setters already refused names that are no program file names and values below 1. */
  private Policy(Builder builder) {
    allowedLanguages = Set.copyOf(builder.languages);
    minimumIsolation = Objects.requireNonNull(builder.minimumIsolation, "minimumIsolation");
    Map<Language, Set<String>> programCopy = new EnumMap<>(Language.class);
    builder.programs.forEach((language, names) -> programCopy.put(language, Set.copyOf(names)));
    programs = Map.copyOf(programCopy);
    Map<Backend, Set<Backend>> substitutionCopy = new EnumMap<>(Backend.class);
    builder.substitutions.forEach((requested, used) -> substitutionCopy.put(requested, Set.copyOf(used)));
    backendSubstitutions = Map.copyOf(substitutionCopy);
    maxCpu = builder.maxCpu;
    maxMemoryMb = builder.maxMemoryMb;
    maxTimeSec = builder.maxTimeSec;
    maxCommandBytes = builder.maxCommandBytes;
    allowParentheses = builder.allowParentheses;
    allowNetworkAllowlist = builder.allowNetworkAllowlist;
    networkAllowlistCeiling = List.copyOf(builder.networkAllowlistCeiling);
    allowPrivateDestinations = builder.allowPrivateDestinations;
    allowNonAsciiArguments = builder.allowNonAsciiArguments;
    requireEnforcedLimits = builder.requireEnforcedLimits;
    outputBudget = Objects.requireNonNull(builder.outputBudget, "outputBudget");
    approval = Objects.requireNonNull(builder.approval, "approval");
    approvalMaxAge = Objects.requireNonNull(builder.approvalMaxAge, "approvalMaxAge");
    sourceSha256 = builder.sourceSha256;
    if (approvalMaxAge.isNegative() || approvalMaxAge.isZero()) {
      throw new IllegalArgumentException("approvalMaxAge must be positive: " + approvalMaxAge);
    }
  }

  /**
   * How a request's approval is established before it runs.
   *
   * @return {@link ApprovalMode#DECLARED} unless set
   */
  public ApprovalMode approval() {
    return approval;
  }

  /**
   * How old a signed approval may be when its request runs.
   *
   * @return 24 hours unless set
   */
  public Duration approvalMaxAge() {
    return approvalMaxAge;
  }

  /**
   * The SHA-256 of the policy file's text this policy was read from, which attested results
   * record. Provenance, not a knob: it takes no part in {@link #equals(Object)}, and a variant made
   * with {@link #newBuilder()} has none (it is no longer that file's policy).
   *
   * @return 64 lowercase hex digits, for a policy read by {@link #read(Path)} or {@link
   *     #parse(String, String)}
   */
  public Optional<String> sourceSha256() {
    return Optional.ofNullable(sourceSha256);
  }

  /**
   * The languages a request may use.
   *
   * @return the languages
   */
  public Set<Language> allowedLanguages() {
    return allowedLanguages;
  }

  /**
   * The most virtual CPUs a request may ask for.
   *
   * @return virtual CPUs
   */
  public int maxCpu() {
    return maxCpu;
  }

  /**
   * The most memory a request may ask for, in MiB.
   *
   * @return MiB
   */
  public long maxMemoryMb() {
    return maxMemoryMb;
  }

  /**
   * The longest wall-clock time a request may ask for, in seconds.
   *
   * @return seconds
   */
  public long maxTimeSec() {
    return maxTimeSec;
  }

  /**
   * The longest command, in UTF-8 bytes.
   *
   * @return UTF-8 bytes
   */
  public int maxCommandBytes() {
    return maxCommandBytes;
  }

  /**
   * Whether {@code (} and {@code )} may appear in a command ({@code $(} never may).
   *
   * @return whether parentheses are allowed
   */
  public boolean allowParentheses() {
    return allowParentheses;
  }

  /**
   * Whether {@code network: allowlist} may be requested (it also needs an executor that can
   * enforce it).
   *
   * @return whether allowlist requests are allowed
   */
  public boolean allowNetworkAllowlist() {
    return allowNetworkAllowlist;
  }

  /**
   * The most a request's {@code network_allowlist} may list: every entry of a request must be
   * covered by one of these (an exact name by the same name or a wildcard over it; a wildcard by
   * the same or a broader wildcard; its ports by the entry's port, or 80 and 443 when the entry has
   * none). Empty, the default, lets nothing be listed even when {@link #allowNetworkAllowlist()} is
   * true.
   *
   * @return the ceiling's entries ({@code host}, {@code *.suffix} or an IP literal, each with an
   *     optional {@code :port}), lowercase, in order
   */
  public List<String> networkAllowlistCeiling() {
    return networkAllowlistCeiling;
  }

  /**
   * Whether an allowlisted name may resolve to a loopback, private, link-local or otherwise
   * non-public address. For test setups (a test name resolving to 127.0.0.1) only; the policy
   * validator does not read it, and the executor's egress configuration must be given the same
   * value.
   *
   * @return false unless set
   */
  public boolean allowPrivateDestinations() {
    return allowPrivateDestinations;
  }

  /**
   * The weakest executor isolation accepted.
   *
   * @return the minimum isolation
   */
  public Isolation minimumIsolation() {
    return minimumIsolation;
  }

  /**
   * Whether the command's arguments (never its program) may hold non-ASCII letters and digits;
   * spaces other than U+0020 and invisible characters never may.
   *
   * @return whether non-ASCII letters and digits are allowed in arguments
   */
  public boolean allowNonAsciiArguments() {
    return allowNonAsciiArguments;
  }

  /**
   * Programs the policy allows per language, beyond the language's own (see {@link
   * Language#isProgram}); shells and privilege tools stay refused even when listed.
   *
   * @return the programs per language
   */
  public Map<Language, Set<String>> programs() {
    return programs;
  }

  /**
   * For each backend a request may name, the other backends that may run it instead; empty: a
   * request runs only on the backend it names.
   *
   * @return the substitutions per requested backend
   */
  public Map<Backend, Set<Backend>> backendSubstitutions() {
    return backendSubstitutions;
  }

  /**
   * Whether a request is refused ({@code backend.limits_unenforceable}) on a backend that cannot
   * enforce every limit of a run on this host, instead of running with the limit recorded as not
   * enforced.
   *
   * @return whether every limit must be enforceable
   */
  public boolean requireEnforcedLimits() {
    return requireEnforcedLimits;
  }

  /**
   * What a tool may leave in {@code /out} and how long collecting it may take (files, total bytes,
   * collection time); {@link OutputBudget#defaults()} unless set.
   *
   * @return the budget
   */
  public OutputBudget outputBudget() {
    return outputBudget;
  }

  private static void checkProgramName(String name) {
    if (!PROGRAM_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a program file name (letters, digits, . _ + -): '" + name + "'");
    }
  }

  /**
   * Whether a request for one language may start a program, by its file name: one of the
   * language's own programs or one this policy lists for it.
   *
   * @param language the request's language
   * @param name the program's file name, without a directory
   * @return {@code true} when the program may run the request
   */
  public boolean allowsProgram(Language language, String name) {
    return language.isProgram(name) || programs.getOrDefault(language, Set.of()).contains(name);
  }

  /**
   * Whether a request naming one backend may run on another.
   *
   * @param requested the backend the request names
   * @param used the backend that would run it
   * @return {@code true} when they are the same or the policy allows the substitution
   */
  public boolean allowsBackend(Backend requested, Backend used) {
    return requested == used || backendSubstitutions.getOrDefault(requested, Set.of()).contains(used);
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /**
   * The default policy, which gives upstream ThreeGate's verdicts: all four languages, at most 4
   * CPUs, 8192 MiB and 3600 s, commands up to 4096 bytes of printable ASCII, no parentheses in
   * commands, no network allowlist, namespace isolation at least, only each language's own
   * programs, no backend substitution.
   *
   * @return the shared default policy
   */
  public static Policy defaults() {
    return DEFAULTS;
  }

  /**
   * The default policy with signed approvals required ({@link ApprovalMode#SIGNED}): a request
   * runs only with a verified signature of a trusted approver over its exact bytes, so that an
   * agent able to write request files cannot approve its own.
   *
   * @return the shared strict policy
   */
  public static Policy strict() {
    return STRICT;
  }

  /**
   * A builder that starts by denying: no language allowed, 1 CPU, 512 MiB, 60 s, 1024-byte
   * commands of printable ASCII, no parentheses, no network allowlist, namespace isolation at
   * least, only each language's own programs, no backend substitution.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this policy's values, to derive a variant, as in {@code
   * Policy.defaults().newBuilder().maxMemoryMb(1024).build()}.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.languages.addAll(allowedLanguages);
    builder.maxCpu = maxCpu;
    builder.maxMemoryMb = maxMemoryMb;
    builder.maxTimeSec = maxTimeSec;
    builder.maxCommandBytes = maxCommandBytes;
    builder.allowParentheses = allowParentheses;
    builder.allowNetworkAllowlist = allowNetworkAllowlist;
    builder.networkAllowlistCeiling.addAll(networkAllowlistCeiling);
    builder.allowPrivateDestinations = allowPrivateDestinations;
    builder.minimumIsolation = minimumIsolation;
    builder.allowNonAsciiArguments = allowNonAsciiArguments;
    programs.forEach((language, names) -> builder.programs.put(language, new LinkedHashSet<>(names)));
    backendSubstitutions.forEach((requested, used) -> builder.substitutions.put(requested, EnumSet.copyOf(used)));
    builder.requireEnforcedLimits = requireEnforcedLimits;
    builder.outputBudget = outputBudget;
    builder.approval = approval;
    builder.approvalMaxAge = approvalMaxAge;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Policy that
        && allowedLanguages.equals(that.allowedLanguages)
        && maxCpu == that.maxCpu
        && maxMemoryMb == that.maxMemoryMb
        && maxTimeSec == that.maxTimeSec
        && maxCommandBytes == that.maxCommandBytes
        && allowParentheses == that.allowParentheses
        && allowNetworkAllowlist == that.allowNetworkAllowlist
        && networkAllowlistCeiling.equals(that.networkAllowlistCeiling)
        && allowPrivateDestinations == that.allowPrivateDestinations
        && minimumIsolation.equals(that.minimumIsolation)
        && allowNonAsciiArguments == that.allowNonAsciiArguments
        && programs.equals(that.programs)
        && backendSubstitutions.equals(that.backendSubstitutions)
        && requireEnforcedLimits == that.requireEnforcedLimits
        && outputBudget.equals(that.outputBudget)
        && approval == that.approval
        && approvalMaxAge.equals(that.approvalMaxAge);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        allowedLanguages, maxCpu, maxMemoryMb, maxTimeSec, maxCommandBytes,
        allowParentheses, allowNetworkAllowlist, networkAllowlistCeiling, allowPrivateDestinations, minimumIsolation, allowNonAsciiArguments, programs,
        backendSubstitutions, requireEnforcedLimits, outputBudget, approval, approvalMaxAge);
  }

  @Override
  public String toString() {
    return "Policy["
        + "allowedLanguages=" + allowedLanguages
        + ", maxCpu=" + maxCpu
        + ", maxMemoryMb=" + maxMemoryMb
        + ", maxTimeSec=" + maxTimeSec
        + ", maxCommandBytes=" + maxCommandBytes
        + ", allowParentheses=" + allowParentheses
        + ", allowNetworkAllowlist=" + allowNetworkAllowlist
        + ", networkAllowlistCeiling=" + networkAllowlistCeiling
        + ", allowPrivateDestinations=" + allowPrivateDestinations
        + ", minimumIsolation=" + minimumIsolation
        + ", allowNonAsciiArguments=" + allowNonAsciiArguments
        + ", programs=" + programs
        + ", backendSubstitutions=" + backendSubstitutions
        + ", requireEnforcedLimits=" + requireEnforcedLimits
        + ", outputBudget=" + outputBudget
        + ", approval=" + approval
        + ", approvalMaxAge=" + approvalMaxAge
        + "]";
  }

  /**
   * Reads a policy file: a YAML mapping of knobs (documented in {@code docs/policy.md}) applied on
   * top of {@link #defaults()}. Unknown knobs, wrong types and out-of-range values are errors.
   *
   * @param file the policy file, at most 64 KiB
   * @return the policy
   * @throws IOException if the file cannot be read
   * @throws PolicyFormatException listing every problem when the file is not a valid policy
   */
  public static Policy read(Path file) throws IOException {
    return PolicyFile.read(file);
  }

  /**
   * Parses policy text, as {@link #read(Path)} does for a file.
   *
   * @param sourceName where the text came from, for messages
   * @param yaml the policy's YAML text
   * @return the policy
   * @throws PolicyFormatException listing every problem when the text is not a valid policy
   */
  public static Policy parse(String sourceName, String yaml) {
    return PolicyFile.parse(sourceName, yaml);
  }

  /** Builds a {@link Policy}; each knob is named after the property it sets. */
  public static final class Builder {
    private final Set<Language> languages = EnumSet.noneOf(Language.class);
    private int maxCpu = 1;
    private long maxMemoryMb = 512;
    private long maxTimeSec = 60;
    private int maxCommandBytes = 1024;
    private boolean allowParentheses;
    private boolean allowNetworkAllowlist;
    private final List<String> networkAllowlistCeiling = new ArrayList<>();
    private boolean allowPrivateDestinations;
    private Isolation minimumIsolation = Isolation.NAMESPACE;
    private boolean allowNonAsciiArguments;
    private final Map<Language, Set<String>> programs = new EnumMap<>(Language.class);
    private final Map<Backend, Set<Backend>> substitutions = new EnumMap<>(Backend.class);
    private boolean requireEnforcedLimits;
    private OutputBudget outputBudget = OutputBudget.defaults();
    private ApprovalMode approval = ApprovalMode.DECLARED;
    private Duration approvalMaxAge = Duration.ofHours(24);
    private String sourceSha256;

    private Builder() {}

    /**
     * Records the SHA-256 of the policy file's text this policy is read from; {@link #read(Path)}
     * and {@link #parse(String, String)} set it.
     *
     * @param value 64 lowercase hex digits
     * @return this builder
     */
    public Builder sourceSha256(String value) {
      if (!value.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("not a SHA-256: " + value);
      }
      sourceSha256 = value;
      return this;
    }

    /**
     * Sets how a request's approval is established before it runs.
     *
     * @param value the mode; default {@link ApprovalMode#DECLARED}
     * @return this builder
     */
    public Builder approval(ApprovalMode value) {
      approval = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets how old a signed approval may be when its request runs.
     *
     * @param value positive; default 24 hours
     * @return this builder
     */
    public Builder approvalMaxAge(Duration value) {
      approvalMaxAge = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Allows languages, in addition to those already allowed.
     *
     * @param allowed the languages
     * @return this builder
     */
    public Builder allowLanguages(Language... allowed) {
      Arrays.stream(allowed).map(l -> Objects.requireNonNull(l, "language")).forEach(languages::add);
      return this;
    }

    /**
     * Sets exactly which languages are allowed.
     *
     * @param allowed the languages; empty denies every request
     * @return this builder
     */
    public Builder allowedLanguages(Set<Language> allowed) {
      languages.clear();
      allowed.forEach(l -> languages.add(Objects.requireNonNull(l, "language")));
      return this;
    }

    /**
     * Sets the most virtual CPUs a request may ask for.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxCpu(int value) {
      positive("maxCpu", value);
      maxCpu = value;
      return this;
    }

    /**
     * Sets the most memory a request may ask for.
     *
     * @param value MiB, at least 1
     * @return this builder
     */
    public Builder maxMemoryMb(long value) {
      positive("maxMemoryMb", value);
      maxMemoryMb = value;
      return this;
    }

    /**
     * Sets the longest wall-clock time a request may ask for.
     *
     * @param value seconds, at least 1
     * @return this builder
     */
    public Builder maxTimeSec(long value) {
      positive("maxTimeSec", value);
      maxTimeSec = value;
      return this;
    }

    /**
     * Sets the longest command accepted.
     *
     * @param value UTF-8 bytes, at least 1
     * @return this builder
     */
    public Builder maxCommandBytes(int value) {
      positive("maxCommandBytes", value);
      maxCommandBytes = value;
      return this;
    }

    /**
     * Allows {@code (} and {@code )} in commands, so that {@code python -c "print(1)"} passes.
     * Upstream ThreeGate rejects {@code )}; {@code $(} stays forbidden either way.
     *
     * @param value whether parentheses are allowed
     * @return this builder
     */
    public Builder allowParentheses(boolean value) {
      allowParentheses = value;
      return this;
    }

    /**
     * Allows {@code network: allowlist} requests. They still need an executor that can enforce an
     * allowlist, and each listed name must be within {@link #networkAllowlistCeiling()}, which is
     * empty unless set.
     *
     * @param value whether allowlist requests are allowed
     * @return this builder
     */
    public Builder allowNetworkAllowlist(boolean value) {
      allowNetworkAllowlist = value;
      return this;
    }

    /**
     * Replaces the ceiling of what a request's {@code network_allowlist} may list ({@link
     * #networkAllowlistCeiling()}).
     *
     * @param values entries: an exact {@code host}, a wildcard {@code *.suffix} with a suffix of
     *     at least two labels, or an IP literal, each with an optional {@code :port}; ASCII, no
     *     trailing dot; kept lowercase
     * @return this builder
     * @throws IllegalArgumentException if an entry is none of these
     */
    public Builder networkAllowlistCeiling(List<String> values) {
      List<String> copy = new ArrayList<>();
      for (String value : List.copyOf(values)) {
        NetworkNames.ceilingProblem(value).ifPresent(problem -> {
          throw new IllegalArgumentException(problem);
        });
        copy.add(value.toLowerCase(Locale.ROOT));
      }
      networkAllowlistCeiling.clear();
      networkAllowlistCeiling.addAll(copy);
      return this;
    }

    /**
     * Lets allowlisted names resolve to loopback, private, link-local or other non-public
     * addresses ({@link #allowPrivateDestinations()}): for test setups only. The executor's egress
     * configuration must be given the same value; the policy validator does not read it.
     *
     * @param value whether private destinations are allowed
     * @return this builder
     */
    public Builder allowPrivateDestinations(boolean value) {
      allowPrivateDestinations = value;
      return this;
    }

    /**
     * Sets the weakest executor isolation accepted; a weaker executor's requests are rejected.
     *
     * @param value the minimum isolation
     * @return this builder
     */
    public Builder minimumIsolation(Isolation value) {
      minimumIsolation = Objects.requireNonNull(value, "minimumIsolation");
      return this;
    }

    /**
     * Allows non-ASCII letters and digits in the command's arguments, for file names and text in
     * other scripts. The program and options (words starting with {@code -}) stay ASCII; a word
     * may not mix ASCII letters with letters of a look-alike script (Cyrillic, Greek, …), so {@code
     * prоd} with a Cyrillic {@code о} is refused; spaces other than U+0020, format characters,
     * fillers and other invisible characters stay refused.
     *
     * @param value whether non-ASCII letters and digits are allowed in arguments
     * @return this builder
     */
    public Builder allowNonAsciiArguments(boolean value) {
      allowNonAsciiArguments = value;
      return this;
    }

    /**
     * Allows programs for a language beyond its own ({@code python3}, {@code node}, …), such as
     * {@code pytest} for Python, or a launcher such as {@code timeout}. A listed launcher's
     * arguments are still searched for shells and privilege tools; shells and privilege tools
     * themselves are refused even when listed.
     *
     * @param language the language
     * @param names program file names (letters, digits, {@code . _ + -}), without a directory
     * @return this builder
     */
    public Builder allowPrograms(Language language, String... names) {
      Objects.requireNonNull(language, "language");
      for (String name : names) {
        checkProgramName(Objects.requireNonNull(name, "name"));
        programs.computeIfAbsent(language, l -> new LinkedHashSet<>()).add(name);
      }
      return this;
    }

    /**
     * Lets a request that names one backend run on another, for example {@code ERA} on {@code
     * bubblewrap} where no microVM host exists. The result records both. The policy's minimum
     * isolation still applies.
     *
     * @param requested the backend a request names
     * @param used the backend that may run it instead
     * @return this builder
     */
    public Builder allowSubstitution(Backend requested, Backend used) {
      Objects.requireNonNull(requested, "requested");
      Objects.requireNonNull(used, "used");
      if (requested != used) {
        substitutions.computeIfAbsent(requested, b -> EnumSet.noneOf(Backend.class)).add(used);
      }
      return this;
    }

    /**
     * Refuses a request ({@code backend.limits_unenforceable}) on a backend that cannot enforce
     * every limit of a run on this host (memory, processes, CPU bandwidth and time, file size,
     * output, the writable areas, the syscall filter), instead of letting it run with the limit
     * recorded as not enforced. Default {@code false}: such limits are recorded, per limit, as
     * {@code NOT enforced}.
     *
     * @param value whether every limit must be enforceable
     * @return this builder
     */
    public Builder requireEnforcedLimits(boolean value) {
      requireEnforcedLimits = value;
      return this;
    }

    /**
     * Builds the immutable policy.
     *
     * @return the policy
     */
    public Policy build() {
      return new Policy(this);
    }

    /**
     * Sets the whole {@code /out} budget.
     *
     * @param value the budget; default {@link OutputBudget#defaults()}: 1000 files, 256 MiB, 30 s
     * @return this builder
     */
    public Builder outputBudget(OutputBudget value) {
      outputBudget = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the most files collected from {@code /out}; the others are reported, not collected.
     *
     * @param value from 1 to {@value OutputBudget#MAX_FILES_CEILING}; default {@value
     *     OutputBudget#DEFAULT_MAX_FILES}
     * @return this builder
     */
    public Builder maxOutputFiles(int value) {
      outputBudget = new OutputBudget(value, outputBudget.maxBytesTotal(), outputBudget.collectionTime());
      return this;
    }

    /**
     * Sets the most bytes collected from {@code /out} over all files, each charged its apparent
     * size; the files past it are reported, not collected.
     *
     * @param value at least 1; default 256 MiB
     * @return this builder
     */
    public Builder maxOutputBytesTotal(long value) {
      outputBudget = new OutputBudget(outputBudget.maxFiles(), value, outputBudget.collectionTime());
      return this;
    }

    /**
     * Sets how long collecting and hashing {@code /out} may take after the tool has ended; what is
     * not collected by then is reported.
     *
     * @param value positive; default 30 s
     * @return this builder
     */
    public Builder collectionTime(Duration value) {
      outputBudget = new OutputBudget(outputBudget.maxFiles(), outputBudget.maxBytesTotal(), value);
      return this;
    }
  }
}
