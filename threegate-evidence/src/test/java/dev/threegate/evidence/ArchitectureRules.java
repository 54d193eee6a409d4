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

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture of every module, as ArchUnit rules: which package may use which, no cycles,
 * {@code internal} packages private to their module, and no third-party type in a public
 * signature. {@link ArchitectureTest} checks the code against them.
 */
final class ArchitectureRules {
  private static final String ROOT = "dev.threegate";
  private static final List<String> MODULES =
      List.of("process", "era", "smolvm", "bubblewrap", "cli", "testkit", "evidence", "benchmarks", "mcp", "langchain4j");

  /** Libraries the modules use inside and never show: their types stay out of public signatures. */
  static final List<String> HIDDEN_LIBRARIES = List.of(
      "org.snakeyaml.", "org.commonmark.", "org.apache.commons.exec.", "org.apache.commons.codec.", "picocli.");

  private ArchitectureRules() {}

  /**
   * The component a package belongs to: {@code dev.threegate.X} and {@code dev.threegate.internal.X}
   * are component X ({@code internal.document} belongs to the request model it reads); the root
   * package and {@code internal.pipeline} are the pipeline; other modules are one component each.
   */
  static String component(String pkg) {
    if (!pkg.equals(ROOT) && !pkg.startsWith(ROOT + ".")) {
      return "";
    }
    String[] parts = pkg.equals(ROOT) ? new String[0] : pkg.substring(ROOT.length() + 1).split("\\.");
    if (parts.length == 0) {
      return "pipeline";
    }
    if (parts[0].equals("internal") && parts.length > 1) {
      return switch (parts[1]) {
        case "document" -> "request";
        default -> parts[1];
      };
    }
    return parts[0];
  }

  /** The Maven module a package is compiled in. */
  static String module(String pkg) {
    for (String module : MODULES) {
      if (pkg.equals(ROOT + "." + module) || pkg.startsWith(ROOT + "." + module + ".")) {
        return module;
      }
    }
    return "core";
  }

  /** No cycle between components, of any length. */
  static ArchRule noCycles() {
    return slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass type) {
        String component = component(type.getPackageName());
        return component.isEmpty() ? SliceIdentifier.ignore() : SliceIdentifier.of(component);
      }

      @Override
      public String getDescription() {
        return "ThreeGate components";
      }
    }).should().beFreeOfCycles();
  }

  /**
   * Core's layers, from the leaf up: problems; shared text, YAML, JSON and file helpers; the
   * request model; execution; signed approvals; the policy; results; quarantine; the pipeline; the inbox. The backends see the model,
   * execution and the process runner; the runner CLI and the testkit are on top.
   */
  static ArchRule layers() {
    String p = ROOT + ".";
    return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Problem").definedBy(p + "problem..")
        .layer("Support").definedBy(p + "internal.text..", p + "internal.io..", p + "internal.yaml..", p + "internal.json..")
        .layer("Request").definedBy(p + "request..", p + "internal.request..", p + "internal.document..")
        .layer("Exec").definedBy(p + "exec..")
        .layer("Trust").definedBy(p + "trust..", p + "internal.trust..")
        .layer("Policy").definedBy(p + "policy..", p + "internal.policy..")
        .layer("Result").definedBy(p + "result..", p + "internal.result..")
        .layer("Quarantine").definedBy(p + "quarantine..")
        .layer("Pipeline").definedBy(ROOT, p + "internal.pipeline..")
        .layer("Inbox").definedBy(p + "inbox..")
        .layer("Process").definedBy(p + "process..")
        .layer("Backends").definedBy(p + "era..", p + "smolvm..", p + "bubblewrap..")
        .layer("Top").definedBy(p + "cli..", p + "testkit..", p + "evidence..", p + "benchmarks..", p + "mcp..", p + "langchain4j..")
        .whereLayer("Problem").mayNotAccessAnyLayer()
        .whereLayer("Support").mayOnlyAccessLayers("Problem")
        .whereLayer("Request").mayOnlyAccessLayers("Problem", "Support")
        .whereLayer("Exec").mayOnlyAccessLayers("Problem", "Support", "Request")
        .whereLayer("Trust").mayOnlyAccessLayers("Problem", "Support", "Request")
        .whereLayer("Policy").mayOnlyAccessLayers("Problem", "Support", "Request", "Exec")
        .whereLayer("Result").mayOnlyAccessLayers("Problem", "Support", "Request", "Exec", "Trust")
        .whereLayer("Quarantine").mayOnlyAccessLayers("Problem", "Support", "Trust")
        .whereLayer("Pipeline").mayOnlyAccessLayers("Problem", "Support", "Request", "Exec", "Trust", "Policy", "Result", "Quarantine")
        .whereLayer("Inbox").mayOnlyAccessLayers("Problem", "Support", "Request", "Exec", "Trust", "Policy", "Result", "Quarantine", "Pipeline")
        .whereLayer("Process").mayOnlyAccessLayers("Problem", "Request", "Exec")
        .whereLayer("Backends").mayOnlyAccessLayers("Problem", "Request", "Exec", "Process");
  }

  /** A class uses {@code internal} packages of its own module only. */
  static ArchRule internalsStayInTheirModule() {
    return classes().that().resideInAPackage(ROOT + "..")
        .should(new ArchCondition<JavaClass>("use internal packages of their own module only") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            String from = module(type.getPackageName());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
              String target = dependency.getTargetClass().getPackageName();
              if (target.startsWith(ROOT + ".") && isInternal(target) && !module(target).equals(from)) {
                events.add(SimpleConditionEvent.violated(dependency,
                    "module " + from + " uses " + module(target) + "'s internal type: " + dependency.getDescription()));
              }
            }
          }
        });
  }

  /** No public or protected signature of an exported type names a hidden library's type. */
  static ArchRule noHiddenLibraryInPublicSignatures() {
    return classes().that().resideInAPackage(ROOT + "..").and().arePublic()
        .should(new ArchCondition<JavaClass>("name no type of " + HIDDEN_LIBRARIES + " in a public signature") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            if (isInternal(type.getPackageName()) || type.isAnonymousClass() || type.isLocalClass()) {
              return;
            }
            List<String> found = new ArrayList<>();
            type.getRawSuperclass().ifPresent(s -> offending(Set.of(s), "extends", found));
            type.getInterfaces().forEach(i -> offending(i.getAllInvolvedRawTypes(), "implements", found));
            for (JavaCodeUnit unit : type.getCodeUnits()) {
              if (visible(unit.getModifiers())) {
                String where = unit.getFullName();
                offending(unit.getReturnType().getAllInvolvedRawTypes(), where, found);
                for (JavaType parameter : unit.getParameterTypes()) {
                  offending(parameter.getAllInvolvedRawTypes(), where, found);
                }
                unit.getThrowsClause().getTypes().forEach(t -> offending(Set.of(t), where, found));
              }
            }
            for (JavaField field : type.getFields()) {
              if (visible(field.getModifiers())) {
                offending(field.getType().getAllInvolvedRawTypes(), field.getFullName(), found);
              }
            }
            for (String offence : found) {
              events.add(SimpleConditionEvent.violated(type, type.getName() + ": " + offence));
            }
          }
        });
  }

  /** The most parameters a public constructor (a public record's canonical one included) may take. */
  static final int MAX_CONSTRUCTOR_PARAMETERS = 4;

  /**
   * A public value that can grow is built with a builder: no public constructor (or protected one
   * of an extensible class) takes more than {@value #MAX_CONSTRUCTOR_PARAMETERS} parameters, as each
   * new one would break every caller. A public record's canonical constructor counts.
   */
  static ArchRule valuesThatCanGrowHaveBuilders() {
    return classes().that().resideInAPackage(ROOT + "..").and().arePublic()
        .should(new ArchCondition<JavaClass>("take at most " + MAX_CONSTRUCTOR_PARAMETERS
            + " parameters in a public constructor (use a builder)") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            if (isInternal(type.getPackageName()) || !publiclyVisible(type)) {
              return;
            }
            boolean extensible = !type.getModifiers().contains(JavaModifier.FINAL);
            for (JavaConstructor constructor : type.getConstructors()) {
              Set<JavaModifier> modifiers = constructor.getModifiers();
              boolean callable = modifiers.contains(JavaModifier.PUBLIC)
                  || extensible && modifiers.contains(JavaModifier.PROTECTED);
              if (callable && constructor.getRawParameterTypes().size() > MAX_CONSTRUCTOR_PARAMETERS) {
                events.add(SimpleConditionEvent.violated(constructor, constructor.getFullName() + " takes "
                    + constructor.getRawParameterTypes().size() + " parameters"));
              }
            }
          }
        });
  }

  private static boolean publiclyVisible(JavaClass type) {
    for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
      if (!t.getModifiers().contains(JavaModifier.PUBLIC) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void offending(Set<JavaClass> types, String where, List<String> found) {
    for (JavaClass type : types) {
      if (HIDDEN_LIBRARIES.stream().anyMatch(type.getName()::startsWith)) {
        found.add(where + " names " + type.getName());
      }
    }
  }

  private static boolean isInternal(String pkg) {
    return pkg.contains(".internal.") || pkg.endsWith(".internal");
  }
}
