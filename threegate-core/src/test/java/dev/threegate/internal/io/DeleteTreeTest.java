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

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a tree removes links in it, never what they point at, nor changes its permissions. */
class DeleteTreeTest {
  @TempDir Path temp;

  @Test
  void aLinkInTheTreeIsRemovedAndWhatItNamesIsLeftAsItWas() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "kept");
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path tree = Files.createDirectories(temp.resolve("tree/sub"));
    Files.createSymbolicLink(tree.resolve("link"), outside);
    Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-x------"));

    SafeFiles.deleteTree(temp.resolve("tree"));

    assertThat(temp.resolve("tree")).doesNotExist();
    assertThat(outside.resolve("keep.txt")).hasContent("kept");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void aTreeThatIsGoneIsDeleted() throws Exception {
    SafeFiles.deleteTree(temp.resolve("never-there"));
    assertThat(temp.resolve("never-there")).doesNotExist();
  }
}
