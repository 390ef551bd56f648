package org.lyncrunbooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The structure the code is meant to have, as rules; docs/architecture.md explains them. They name packages by
 * their role, so a new capability package ({@code drill}, {@code failover}, …) is held to them as it is.
 *
 * <p>Each rule is checked twice: on the compiled classes with ArchUnit, and on the {@code import} lines of the
 * sources, because javac copies constants ({@code BackupProcess.KEY}) into the classes that use them and leaves no
 * trace of the dependency in the byte code.
 */
class ArchitectureTest {

    private static final String BASE = "org.lyncrunbooks";
    private static final Path SOURCES = Path.of("src/main/java");
    /** The bottom: what the share, the topology and the file stores are. They know nothing above them. */
    private static final List<String> FOUNDATIONS = List.of("topology", "filestore", "backupset", "secrets");
    /** The tools the runbooks drive: they know the foundations and nothing else of ours. */
    private static final List<String> TOOLS = List.of("lyncshell", "sqlserver", "postgres");
    private static final String WORKFLOW = "workflow";
    private static final String LAB = "lab";

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;",
            Pattern.MULTILINE);

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    /** Top-level class → the classes its source imports. */
    private static final Map<String, Set<String>> IMPORTS = sourceImports();

    @Test
    void capabilityPackagesAreFreeOfCycles() {
        holds(slices().matching(BASE + ".(*)..").should().beFreeOfCycles()
                .because("a capability that needs another's types uses them; the other one never uses it back"),
                importCycles());
    }

    @Test
    void nothingButTheLabDependsOnTheLab() {
        holds(noClasses().that().resideOutsideOfPackage(pkg(LAB)).should().dependOnClassesThat().resideInAPackage(pkg(LAB))
                .because("the lab farm stands in for Lync in the lab profile and the tests; production code must "
                        + "not need it"),
                imports(from -> !LAB.equals(slice(from)), to -> LAB.equals(slice(to))));
    }

    @Test
    void theFoundationsDependOnNothingAboveThem() {
        holds(classes().that().resideInAnyPackage(pkgs(FOUNDATIONS))
                .should().onlyDependOnClassesThat(notOurs().or(JavaClass.Predicates.resideInAnyPackage(pkgs(FOUNDATIONS))))
                .because("topology, filestore, backupset and secrets are what every capability builds on"),
                imports(from -> FOUNDATIONS.contains(slice(from)), to -> ours(to)
                && !FOUNDATIONS.contains(slice(to))));
    }

    @Test
    void theToolsDependOnlyOnTheFoundations() {
        List<String> allowed = new ArrayList<>(FOUNDATIONS);
        allowed.addAll(TOOLS);
        holds(classes().that().resideInAnyPackage(pkgs(TOOLS))
                .should().onlyDependOnClassesThat(notOurs().or(JavaClass.Predicates.resideInAnyPackage(pkgs(allowed))))
                .because("the Management Shell, SQL Server and PostgreSQL clients serve every capability"),
                imports(from -> TOOLS.contains(slice(from)), to -> ours(to) && !allowed.contains(slice(to))));
    }

    @Test
    void theEngineGlueDependsOnNoCapability() {
        List<String> allowed = new ArrayList<>(FOUNDATIONS);
        allowed.add(WORKFLOW);
        holds(classes().that().resideInAPackage(pkg(WORKFLOW))
                .should().onlyDependOnClassesThat(notOurs().or(JavaClass.Predicates.resideInAnyPackage(pkgs(allowed))))
                .because("capabilities contribute to the engine glue through interfaces it defines, so that the "
                        + "glue never names them"),
                imports(from -> WORKFLOW.equals(slice(from)), to -> ours(to) && !allowed.contains(slice(to))));
    }

    @Test
    void onlyTheProcessGlueUsesCamunda() {
        holds(noClasses().that(DescribedPredicate.not(processGlue()))
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("services, read models and views are plain code over interfaces of their capability; only "
                        + "delegates, listeners, variable accessors, engine adapters (Camunda*), engine plugins and "
                        + "the workflow package talk to the engine"),
                imports(from -> !processGlue().test(CLASSES.get(from)), to -> to.startsWith("org.camunda.")));
    }

    @Test
    void onlyTheEngineGlueUsesCamundaInternals() {
        holds(noClasses().that(DescribedPredicate.not(engineInternalsAllowed()))
                .should().dependOnClassesThat().resideInAPackage("org.camunda..impl..")
                .because("the engine's impl packages are not its API; only the workflow package and engine plugins "
                        + "need them"),
                imports(from -> !engineInternalsAllowed().test(CLASSES.get(from)),
                to -> to.startsWith("org.camunda.") && to.contains(".impl.")));
    }

    @Test
    void delegatesAreCalledByTheEngineOnly() {
        holds(noClasses().that().haveSimpleNameNotEndingWith("Delegate")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Delegate")
                .because("delegates depend on services, never the reverse"), List.of());
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        List<String> without = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                boolean hasClasses;
                try (Stream<Path> files = Files.list(dir)) {
                    hasClasses = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasClasses && !Files.isRegularFile(dir.resolve("package-info.java"))) {
                    without.add(SOURCES.relativize(dir).toString());
                }
            }
        }
        assertThat(without).as("packages without a package-info.java").isEmpty();
    }

    /** The rule holds on the compiled classes, and nothing in {@code importViolations}. */
    private static void holds(ArchRule rule, List<String> importViolations) {
        List<String> violations = new ArrayList<>(rule.evaluate(CLASSES).getFailureReport().getDetails());
        importViolations.forEach(v -> violations.add("(import) " + v));
        assertThat(violations).as(rule.getDescription()).isEmpty();
    }

    /** Delegates, listeners, variable accessors, engine adapters, engine plugins and the workflow package. */
    private static DescribedPredicate<JavaClass> processGlue() {
        return DescribedPredicate.describe("process glue", c -> {
            JavaClass top = topLevel(c);
            String name = top.getSimpleName();
            return top.getPackageName().startsWith(pkgName(WORKFLOW))
                    || name.endsWith("Delegate") || name.endsWith("Listener") || name.endsWith("Variables")
                    || name.startsWith("Camunda") || enginePlugin(top);
        });
    }

    private static DescribedPredicate<JavaClass> engineInternalsAllowed() {
        return DescribedPredicate.describe("engine glue", c -> {
            JavaClass top = topLevel(c);
            return top.getPackageName().startsWith(pkgName(WORKFLOW)) || enginePlugin(top);
        });
    }

    private static boolean enginePlugin(JavaClass c) {
        return c.isAssignableTo("org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin");
    }

    /** Nested and anonymous classes belong to the class they are written in. */
    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static DescribedPredicate<JavaClass> notOurs() {
        return DescribedPredicate.describe("not ours", c -> !ours(c.getName()));
    }

    private static boolean ours(String className) {
        return className.startsWith(BASE + ".");
    }

    /** The package right below {@code org.lyncrunbooks} a class is in ("" for the root package and others' classes). */
    private static String slice(String className) {
        if (!ours(className)) {
            return "";
        }
        String rest = className.substring(BASE.length() + 1);
        return rest.contains(".") && Character.isLowerCase(rest.charAt(0)) ? rest.substring(0, rest.indexOf('.')) : "";
    }

    private static String pkgName(String slice) {
        return BASE + "." + slice;
    }

    private static String pkg(String slice) {
        return pkgName(slice) + "..";
    }

    private static String[] pkgs(List<String> slices) {
        return slices.stream().map(ArchitectureTest::pkg).toArray(String[]::new);
    }

    /** Every import from a class {@code from} accepts of a class {@code to} accepts, as "from imports to". */
    private static List<String> imports(Predicate<String> from, Predicate<String> to) {
        List<String> found = new ArrayList<>();
        IMPORTS.forEach((source, imported) -> {
            if (from.test(source)) {
                imported.stream().filter(to).forEach(i -> found.add(source + " imports " + i));
            }
        });
        return found;
    }

    /** The cycles between the packages below org.lyncrunbooks that the imports make, each with its imports. */
    private static List<String> importCycles() {
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
        IMPORTS.forEach((source, imported) -> imported.stream().filter(ArchitectureTest::ours).forEach(to -> {
            String a = slice(source);
            String b = slice(to);
            if (!a.isEmpty() && !b.isEmpty() && !a.equals(b)) {
                edges.computeIfAbsent(a, k -> new TreeMap<>()).computeIfAbsent(b, k -> new TreeSet<>())
                        .add(source.substring(source.lastIndexOf('.') + 1) + " → " + to.substring(to.lastIndexOf('.') + 1));
            }
        }));
        List<String> cycles = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (String a : edges.keySet()) {
            for (String b : edges.get(a).keySet()) {
                List<String> back = path(edges, b, a, new LinkedHashSet<>());
                if (back != null) {
                    List<String> cycle = new ArrayList<>();
                    cycle.add(a);
                    cycle.addAll(back);
                    String key = new TreeSet<>(cycle).toString();
                    if (reported.add(key)) {
                        StringBuilder text = new StringBuilder(String.join(" → ", cycle));
                        for (int i = 0; i + 1 < cycle.size(); i++) {
                            text.append("\n    ").append(cycle.get(i)).append(" → ").append(cycle.get(i + 1)).append(": ")
                                    .append(edges.get(cycle.get(i)).get(cycle.get(i + 1)));
                        }
                        cycles.add(text.toString());
                    }
                }
            }
        }
        return cycles;
    }

    /** A path of packages from {@code from} to {@code to} (both included), or null. */
    private static List<String> path(Map<String, Map<String, Set<String>>> edges, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return new ArrayList<>(List.of(to));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (String next : edges.getOrDefault(from, Map.of()).keySet()) {
            List<String> rest = path(edges, next, to, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }

    private static Map<String, Set<String>> sourceImports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String name = SOURCES.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                name = name.substring(0, name.length() - ".java".length());
                if (name.endsWith("package-info")) {
                    continue;
                }
                Set<String> classes = new TreeSet<>();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    classes.add(m.group(1) == null ? m.group(2) : classOfMember(m.group(2), m.group(3) != null));
                }
                imports.put(name, classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }

    /** {@code a.b.C.member} → {@code a.b.C}; {@code a.b.C} (a static import of all of C's members) stays. */
    private static String classOfMember(String name, boolean wildcard) {
        return wildcard ? name : name.substring(0, name.lastIndexOf('.'));
    }
}
