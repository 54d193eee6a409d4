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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A classic-BPF seccomp program, in the spirit of Docker's default profile, that makes the
 * syscalls a sandboxed tool has no business with fail with {@code EPERM}: mounting and namespaces
 * ({@code mount}, {@code umount2}, {@code unshare}, {@code setns}, {@code pivot_root}, {@code
 * chroot}, the new mount API), tracing and other processes' memory ({@code ptrace}, {@code
 * process_vm_readv/writev}), the kernel keyring, {@code bpf}, {@code perf_event_open}, modules and
 * kexec, swap, reboot, clocks, {@code open_by_handle_at}, {@code userfaultfd} and a few more.
 * Everything else is allowed. The program first checks the architecture: a syscall made through
 * another ABI than the host's (i386 or x32 on x86_64, arm32 on aarch64) fails with {@code EPERM}
 * too, so the numbers below cannot be bypassed. It is written as {@code struct sock_filter}
 * entries in the host's (little-endian) byte order, which is what {@code bwrap --seccomp FD} reads.
 */
public final class SeccompFilter {
  private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
  private static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
  private static final int X32_SYSCALL_BIT = 0x40000000;
  private static final int RET_ALLOW = 0x7fff0000;
  private static final int RET_ERRNO_EPERM = 0x00050000 | 1;
  private static final short LD_W_ABS = 0x20;
  private static final short JEQ_K = 0x15;
  private static final short JGE_K = 0x35;
  private static final short RET_K = 0x06;
  private static final int OFFSET_NR = 0;
  private static final int OFFSET_ARCH = 4;

  /** The denied syscalls by name, with their numbers on x86_64 and aarch64 (-1: none there). */
  private static final Map<String, int[]> DENIED = Map.ofEntries(
      Map.entry("mount", new int[] {165, 40}),
      Map.entry("umount2", new int[] {166, 39}),
      Map.entry("unshare", new int[] {272, 97}),
      Map.entry("setns", new int[] {308, 268}),
      Map.entry("pivot_root", new int[] {155, 41}),
      Map.entry("chroot", new int[] {161, 51}),
      Map.entry("open_tree", new int[] {428, 428}),
      Map.entry("move_mount", new int[] {429, 429}),
      Map.entry("fsopen", new int[] {430, 430}),
      Map.entry("fsconfig", new int[] {431, 431}),
      Map.entry("fsmount", new int[] {432, 432}),
      Map.entry("fspick", new int[] {433, 433}),
      Map.entry("mount_setattr", new int[] {442, 442}),
      Map.entry("ptrace", new int[] {101, 117}),
      Map.entry("process_vm_readv", new int[] {310, 270}),
      Map.entry("process_vm_writev", new int[] {311, 271}),
      Map.entry("keyctl", new int[] {250, 219}),
      Map.entry("add_key", new int[] {248, 217}),
      Map.entry("request_key", new int[] {249, 218}),
      Map.entry("bpf", new int[] {321, 280}),
      Map.entry("perf_event_open", new int[] {298, 241}),
      Map.entry("kexec_load", new int[] {246, 104}),
      Map.entry("kexec_file_load", new int[] {320, 294}),
      Map.entry("init_module", new int[] {175, 105}),
      Map.entry("finit_module", new int[] {313, 273}),
      Map.entry("delete_module", new int[] {176, 106}),
      Map.entry("swapon", new int[] {167, 224}),
      Map.entry("swapoff", new int[] {168, 225}),
      Map.entry("reboot", new int[] {169, 142}),
      Map.entry("open_by_handle_at", new int[] {304, 265}),
      Map.entry("name_to_handle_at", new int[] {303, 264}),
      Map.entry("userfaultfd", new int[] {323, 282}),
      Map.entry("acct", new int[] {163, 89}),
      Map.entry("settimeofday", new int[] {164, 170}),
      Map.entry("clock_settime", new int[] {227, 112}),
      Map.entry("clock_adjtime", new int[] {305, 266}),
      Map.entry("adjtimex", new int[] {159, 171}),
      Map.entry("quotactl", new int[] {179, 60}),
      Map.entry("lookup_dcookie", new int[] {212, 18}),
      Map.entry("syslog", new int[] {103, 116}),
      Map.entry("vhangup", new int[] {153, 58}),
      Map.entry("sethostname", new int[] {170, 161}),
      Map.entry("setdomainname", new int[] {171, 162}),
      Map.entry("iopl", new int[] {172, -1}),
      Map.entry("ioperm", new int[] {173, -1}),
      Map.entry("uselib", new int[] {134, -1}));

  private final String arch;
  private final byte[] program;
  private final int denied;

  private SeccompFilter(String arch, byte[] program, int denied) {
    this.arch = arch;
    this.program = program;
    this.denied = denied;
  }

  /**
   * The filter for the architecture this JVM runs on.
   *
   * @return the filter, or empty on an architecture other than x86_64 and aarch64
   */
  public static Optional<SeccompFilter> forHost() {
    return forArch(System.getProperty("os.arch", ""));
  }

  /**
   * The filter for an architecture, named as {@code os.arch} names it.
   *
   * @param osArch {@code amd64}, {@code x86_64} or {@code aarch64}
   * @return the filter, or empty for another architecture
   */
  public static Optional<SeccompFilter> forArch(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Optional.of(build("x86_64", AUDIT_ARCH_X86_64, 0, true));
      case "aarch64", "arm64" -> Optional.of(build("aarch64", AUDIT_ARCH_AARCH64, 1, false));
      default -> Optional.empty();
    };
  }

  private static SeccompFilter build(String arch, int auditArch, int column, boolean x32) {
    List<Integer> numbers =
        DENIED.values().stream().map(n -> n[column]).filter(n -> n >= 0).distinct().sorted().toList();
    int checks = numbers.size() + (x32 ? 1 : 0);
    // layout: ld arch; jeq arch ? +1 : 0; ret EPERM; ld nr; checks...; ret ALLOW; ret EPERM
    ByteBuffer out = ByteBuffer.allocate((checks + 6) * 8).order(ByteOrder.LITTLE_ENDIAN);
    put(out, LD_W_ABS, 0, 0, OFFSET_ARCH);
    put(out, JEQ_K, 1, 0, auditArch);
    put(out, RET_K, 0, 0, RET_ERRNO_EPERM);
    put(out, LD_W_ABS, 0, 0, OFFSET_NR);
    int remaining = checks;
    if (x32) {
      put(out, JGE_K, remaining, 0, X32_SYSCALL_BIT);
      remaining--;
    }
    for (int number : numbers) {
      put(out, JEQ_K, remaining, 0, number);
      remaining--;
    }
    put(out, RET_K, 0, 0, RET_ALLOW);
    put(out, RET_K, 0, 0, RET_ERRNO_EPERM);
    return new SeccompFilter(arch, out.array(), numbers.size());
  }

  private static void put(ByteBuffer out, short code, int jt, int jf, int k) {
    if (jt > 255 || jf > 255) {
      throw new IllegalStateException("a seccomp jump is too long: " + jt);
    }
    out.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
  }

  /** @return {@code x86_64} or {@code aarch64} */
  public String arch() {
    return arch;
  }

  /** @return the program, {@code struct sock_filter} entries as {@code bwrap --seccomp} reads them */
  public byte[] program() {
    return program.clone();
  }

  /** @return how many syscalls it denies on this architecture */
  public int deniedSyscalls() {
    return denied;
  }
}
