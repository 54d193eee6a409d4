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
package dev.threegate.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The trust store of approvers: who may approve, and with which public keys. A key belongs to one
 * approver only; an approver may have several keys (a new key beside the old while it is rotated
 * out). Immutable and thread-safe.
 *
 * <p>Read from a directory with {@link #read(Path)}, or built in code with {@link #builder()}.
 */
public final class Approvers {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

  /**
   * A trusted key and whose it is.
   *
   * @param approver the approver's name
   * @param key the public key
   * @param keyId the key's id, {@link Keys#keyId(PublicKey)}
   */
  public record TrustedKey(String approver, PublicKey key, String keyId) {}

  private final Map<String, TrustedKey> byKeyId;

  private Approvers(Map<String, TrustedKey> byKeyId) {
    this.byKeyId = Collections.unmodifiableMap(new LinkedHashMap<>(byKeyId));
  }

  /**
   * A builder of a trust store, empty.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a trust store from a directory: each {@code NAME.pub} is a PEM public key of approver
   * {@code NAME}, and each {@code *.pub} in a subdirectory {@code NAME/} one more of that approver's
   * keys. Other files are ignored; a link, a malformed key or a key listed twice fails the read
   * (a trust store is read whole or not at all).
   *
   * @param directory the directory
   * @return the trust store
   * @throws IOException if the directory or a key cannot be read
   * @throws KeyFormatException if a key is malformed or of another kind
   * @throws IllegalArgumentException if a name is not an approver name or a key is listed twice
   */
  public static Approvers read(Path directory) throws IOException {
    Builder builder = builder();
    Map<String, Path> keys = new TreeMap<>();
    for (Path entry : list(directory)) {
      String file = entry.getFileName().toString();
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        for (Path inner : list(entry)) {
          if (inner.getFileName().toString().endsWith(".pub")) {
            keys.put(file + "/" + inner.getFileName(), inner);
          }
        }
      } else if (file.endsWith(".pub")) {
        keys.put(file.substring(0, file.length() - ".pub".length()) + "/", entry);
      }
    }
    for (Map.Entry<String, Path> key : keys.entrySet()) {
      if (Files.isSymbolicLink(key.getValue()) || !Files.isRegularFile(key.getValue(), LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(key.getValue() + ": not a regular file");
      }
      String name = key.getKey().substring(0, key.getKey().indexOf('/'));
      builder.trust(name, Keys.readPublicKey(key.getValue()));
    }
    return builder.build();
  }

  private static List<Path> list(Path directory) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(entries::add);
    }
    return entries;
  }

  /**
   * The trusted key with an id.
   *
   * @param keyId a key id
   * @return the key and its approver, if trusted
   */
  public Optional<TrustedKey> byKeyId(String keyId) {
    return Optional.ofNullable(byKeyId.get(keyId));
  }

  /**
   * Every trusted key.
   *
   * @return the keys, in the order they were added
   */
  public List<TrustedKey> keys() {
    return List.copyOf(byKeyId.values());
  }

  /**
   * Whether nobody is trusted.
   *
   * @return true if there is no key
   */
  public boolean isEmpty() {
    return byKeyId.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Approvers[");
    byKeyId.values().forEach(k -> out.append(out.length() > 10 ? ", " : "").append(k.approver()).append(' ').append(k.keyId(), 0, 12));
    return out.append(']').toString();
  }

  /** Builds {@link Approvers}. */
  public static final class Builder {
    private final Map<String, TrustedKey> byKeyId = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Trusts a key as an approver's.
     *
     * @param approver the approver's name: a letter or digit, then letters, digits and {@code
     *     ._@+-}, at most 128 characters
     * @param key an ECDSA P-256 or Ed25519 public key
     * @return this builder
     * @throws IllegalArgumentException if the name is not an approver name, or the key is trusted
     *     already (for anyone)
     * @throws KeyFormatException if the key is of another kind
     */
    public Builder trust(String approver, PublicKey key) {
      Objects.requireNonNull(approver, "approver");
      Objects.requireNonNull(key, "key");
      if (!NAME.matcher(approver).matches()) {
        throw new IllegalArgumentException("not an approver name: " + approver);
      }
      if (Keys.algorithm(key).isEmpty()) {
        throw new KeyFormatException("not an ECDSA P-256 or Ed25519 key: " + approver);
      }
      String keyId = Keys.keyId(key);
      TrustedKey previous = byKeyId.putIfAbsent(keyId, new TrustedKey(approver, key, keyId));
      if (previous != null) {
        throw new IllegalArgumentException(
            "key " + keyId + " is trusted already, as " + previous.approver() + "'s");
      }
      return this;
    }

    /**
     * Builds the trust store.
     *
     * @return an immutable trust store
     */
    public Approvers build() {
      return new Approvers(byKeyId);
    }
  }
}
