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
package dev.threegate.internal.io;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The SHA-256 of bytes fed a chunk at a time, as 64 lowercase hex digits: the one way the gate
 * hashes (commons-codec's digest and hex encoding). Memory use is constant whatever is hashed;
 * nothing is buffered. Not thread-safe: one hash, one thread.
 */
public final class Sha256 {
  private final MessageDigest digest = DigestUtils.getSha256Digest();

  /** A hash of nothing yet. */
  public Sha256() {}

  /**
   * The SHA-256 of some bytes held in memory already.
   *
   * @param bytes the bytes
   * @return 64 lowercase hex digits
   */
  public static String hex(byte[] bytes) {
    return DigestUtils.sha256Hex(bytes);
  }

  /**
   * Adds bytes to the hash.
   *
   * @param bytes holds them
   * @param offset where they start
   * @param length how many
   */
  public void update(byte[] bytes, int offset, int length) {
    digest.update(bytes, offset, length);
  }

  /**
   * Adds a buffer's remaining bytes to the hash; its position moves to its limit, as {@link
   * MessageDigest#update(ByteBuffer)} does.
   *
   * @param buffer the bytes from its position to its limit
   */
  public void update(ByteBuffer buffer) {
    digest.update(buffer);
  }

  /**
   * Finishes the hash of everything added and starts a new one.
   *
   * @return 64 lowercase hex digits
   */
  public String hex() {
    return Hex.encodeHexString(digest.digest());
  }
}
