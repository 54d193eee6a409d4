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
package dev.threegate.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The BPF program's shape, instruction by instruction, on both architectures. */
class SeccompFilterTest {
  private static final int RET_ALLOW = 0x7fff0000;
  private static final int RET_EPERM = 0x00050001;

  @Test
  void checksTheArchitectureFirstAndDeniesForeignAbis() {
    ByteBuffer x86 = program("amd64");
    assertThat(x86.getShort(0)).isEqualTo((short) 0x20);
    assertThat(x86.getInt(4)).isEqualTo(4);
    assertThat(x86.getInt(12)).isEqualTo(0xC000003E);
    assertThat(x86.getInt(20)).isEqualTo(RET_EPERM);
    ByteBuffer arm = program("aarch64");
    assertThat(arm.getInt(12)).isEqualTo(0xC00000B7);
  }

  @Test
  void everyCheckJumpsToTheFinalDenyAndEverythingElseIsAllowed() {
    for (String arch : new String[] {"amd64", "aarch64"}) {
      ByteBuffer p = program(arch);
      int count = p.capacity() / 8;
      assertThat(p.getInt((count - 2) * 8 + 4)).isEqualTo(RET_ALLOW);
      assertThat(p.getInt((count - 1) * 8 + 4)).isEqualTo(RET_EPERM);
      for (int i = 4; i < count - 2; i++) {
        int jt = p.get(i * 8 + 2) & 0xff;
        assertThat(i + 1 + jt).as("%s instruction %d", arch, i).isEqualTo(count - 1);
      }
    }
  }

  @Test
  void deniesTheDangerousSyscallsByTheirNumbers() {
    assertThat(numbers("amd64")).contains(165, 166, 272, 308, 101, 250, 248, 249, 321, 298, 246, 175, 313, 176, 155, 167, 168, 169, 304, 323)
        .doesNotContain(0, 1, 2, 56, 57, 59, 435);
    assertThat(numbers("aarch64")).contains(40, 39, 97, 268, 117, 219, 217, 218, 280, 241, 104, 105, 273, 106, 41, 224, 225, 142, 265, 282)
        .doesNotContain(63, 64, 220, 221, 435);
    assertThat(SeccompFilter.forArch("amd64").orElseThrow().deniedSyscalls()).isEqualTo(numbers("amd64").size());
  }

  @Test
  void deniesTheX32AbiOnX8664() {
    ByteBuffer p = program("amd64");
    assertThat(p.getShort(4 * 8)).isEqualTo((short) 0x35);
    assertThat(p.getInt(4 * 8 + 4)).isEqualTo(0x40000000);
  }

  @Test
  void hasNoFilterForOtherArchitectures() {
    assertThat(SeccompFilter.forArch("riscv64")).isEmpty();
    assertThat(SeccompFilter.forArch("x86")).isEmpty();
  }

  private static ByteBuffer program(String arch) {
    return ByteBuffer.wrap(SeccompFilter.forArch(arch).orElseThrow().program()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static java.util.List<Integer> numbers(String arch) {
    ByteBuffer p = program(arch);
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int i = 4; i < p.capacity() / 8 - 2; i++) {
      if (p.getShort(i * 8) == 0x15) {
        out.add(p.getInt(i * 8 + 4));
      }
    }
    return out;
  }
}
