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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The code of every module obeys {@link ArchitectureRules}, and each rule fails on a deliberate
 * violation: the fixtures among this module's test classes.
 */
class ArchitectureTest {
  private static final JavaClasses WITH_FIXTURES = new ClassFileImporter().importPackages("dev.threegate");
  private static final JavaClasses CODE = WITH_FIXTURES.that(DescribedPredicate.describe("production code",
      type -> type.getSource().map(source -> new ImportOption.DoNotIncludeTests().includes(Location.of(source.getUri())))
          .orElse(true)));

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("no cycles", (Supplier<ArchRule>) ArchitectureRules::noCycles, "LeafReachingUpFixture"),
        Arguments.of("layers", (Supplier<ArchRule>) ArchitectureRules::layers, "LeafReachingUpFixture"),
        Arguments.of("internal stays in its module", (Supplier<ArchRule>) ArchitectureRules::internalsStayInTheirModule,
            "ForeignInternalFixture"),
        Arguments.of("no hidden library in public signatures",
            (Supplier<ArchRule>) ArchitectureRules::noHiddenLibraryInPublicSignatures, "LeakedLibraryTypeFixture"),
        Arguments.of("values that can grow have builders",
            (Supplier<ArchRule>) ArchitectureRules::valuesThatCanGrowHaveBuilders, "WideRecordFixture"));
  }

  @Test
  void readsTheProductionCodeOfEveryModule() {
    assertThat(CODE.stream().map(JavaClass::getName))
        .contains("dev.threegate.ToolExecPipeline", "dev.threegate.process.ProcessRunner",
            "dev.threegate.era.EraExecutor", "dev.threegate.smolvm.SmolvmExecutor", "dev.threegate.bubblewrap.BubblewrapExecutor",
            "dev.threegate.cli.Main", "dev.threegate.testkit.FakeExecutor")
        .doesNotContain("dev.threegate.problem.LeafReachingUpFixture", "dev.threegate.evidence.ArchitectureTest");
    assertThat(WITH_FIXTURES.stream().map(JavaClass::getName)).contains("dev.threegate.problem.LeafReachingUpFixture");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void theCodeObeys(String name, Supplier<ArchRule> rule, String fixture) {
    rule.get().check(CODE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void aDeliberateViolationFails(String name, Supplier<ArchRule> rule, String fixture) {
    assertThatThrownBy(() -> rule.get().check(WITH_FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(fixture);
  }
}
