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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClassTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "127.0.0.1, loopback",
      "127.255.255.254, loopback",
      "0.0.0.0, unspecified",
      "0.1.2.3, unspecified",
      "10.0.0.1, private",
      "172.16.0.1, private",
      "172.31.255.255, private",
      "192.168.1.1, private",
      "169.254.169.254, link_local",
      "169.254.0.1, link_local",
      "100.64.0.1, cgnat",
      "100.127.255.255, cgnat",
      "192.0.0.8, reserved",
      "198.18.0.1, reserved",
      "224.0.0.1, multicast",
      "239.255.255.250, multicast",
      "240.0.0.1, reserved",
      "255.255.255.255, reserved",
      "::1, loopback",
      "::, unspecified",
      "fe80::1, link_local",
      "fc00::1, private",
      "fd12:3456::1, private",
      "fec0::1, private",
      "ff02::1, multicast",
      "::ffff:127.0.0.1, loopback",
      "::ffff:169.254.169.254, link_local",
      "::ffff:10.1.2.3, private",
      "::127.0.0.1, loopback_embedded_ipv4",
      "64:ff9b::a9fe:a9fe, link_local_embedded_ipv4",
      "2002:0a00:0001::1, private_embedded_ipv4",
  })
  void refusesNonPublicAddresses(String literal, String kind) {
    assertThat(AddressClass.nonPublic(AddressClass.literal(literal))).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.1.1",
      "192.169.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "64:ff9b::808:808", "2002:0808:0808::1"})
  void acceptsPublicAddresses(String literal) {
    assertThat(AddressClass.nonPublic(AddressClass.literal(literal))).isEmpty();
  }
}
