package org.lyncrunbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: every link in the README and docs/ resolves inside it (file and heading), nothing
 * refers to files outside it or to issue numbers, and every tag the code and the docs cite is in the glossary.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Set<String> NOT_OURS = Set.of(".git", "target", "data", "node_modules", ".idea", ".vscode");
    private static final Set<String> TEXT = Set.of("md", "java", "yaml", "yml", "xml", "bpmn", "form", "json", "py",
            "sh", "properties", "txt", "js", "html", "css", "editorconfig", "gitignore", "bpmnlintrc");

    /** Markdown links and images: {@code [text](target)}, {@code ![alt](target "title")}. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    /** Written so that this file does not match itself. */
    private static final Pattern OUTSIDE = Pattern.compile(
            "\\.\\./shared|/work/share[d]|brief\\s+\u00a7|architecture\\s+\u00a7|house-?style|\\bissues?\\s+#?[0-9]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MICROSOFT_TAG = Pattern.compile("\\b([DRHP])([0-9]{1,2})\\b");
    private static final Pattern INVARIANT = Pattern.compile("\\bI([0-9])\\b");
    private static final Pattern SCENARIO = Pattern.compile("\\bscenarios? ([0-9]+)\\b");
    private static final Pattern DOC_PATH = Pattern.compile("\\bdocs/[A-Za-z0-9._-]+\\.md\\b");

    @Test
    void theReadmeIsAtMostFifteenKilobytes() throws IOException {
        assertThat(Files.size(ROOT.resolve("README.md"))).isLessThanOrEqualTo(15 * 1024);
    }

    @Test
    void everyRelativeLinkAndAnchorInTheReadmeAndTheDocsResolvesInsideTheRepository() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : markdownPages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: — outside by design
                }
                links++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " leaves the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " does not exist");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " names no heading of "
                            + ROOT.relativize(resolved) + " " + anchors(resolved));
                }
            }
        }
        assertThat(links).as("relative links found").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void noFileInTheRepositoryRefersToFilesOutsideItOrToIssueNumbers() {
        List<String> found = new ArrayList<>();
        for (Path file : textFiles()) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = OUTSIDE.matcher(lines[i]);
                if (m.find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyDocsPageTheCodeNamesExists() {
        Set<String> missing = new TreeSet<>();
        for (Path file : textFiles()) {
            Matcher m = DOC_PATH.matcher(read(file));
            while (m.find()) {
                if (!Files.isRegularFile(ROOT.resolve(m.group()))) {
                    missing.add(ROOT.relativize(file) + ": " + m.group());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTagTheCodeAndTheDocsCiteIsExplainedInTheGlossary() {
        String glossary = read(ROOT.resolve("docs/glossary.md"));
        String testing = read(ROOT.resolve("docs/testing.md"));
        Set<String> unexplained = new TreeSet<>();
        for (Path file : citingFiles()) {
            String text = read(file);
            String where = " (" + ROOT.relativize(file) + ")";
            boolean production = !file.startsWith(ROOT.resolve("src/test"));
            if (production) {
                Matcher tag = MICROSOFT_TAG.matcher(text);
                while (tag.find()) {
                    if (!glossary.contains("| " + tag.group() + " |")) {
                        unexplained.add(tag.group() + where);
                    }
                }
            }
            Matcher invariant = INVARIANT.matcher(text);
            while (invariant.find()) {
                if (production && !glossary.contains("| " + invariant.group() + " |")) {
                    unexplained.add(invariant.group() + where);
                }
            }
            Matcher scenario = SCENARIO.matcher(text);
            while (scenario.find()) {
                if (!testing.contains("\n| " + scenario.group(1) + " |")) {
                    unexplained.add("scenario " + scenario.group(1) + where);
                }
            }
        }
        assertThat(unexplained).isEmpty();
    }

    private static List<Path> markdownPages() {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** The link targets of a page, outside fenced code blocks and inline code. */
    private static List<String> links(Path page) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : read(page).split("\n")) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static final Map<Path, Set<String>> ANCHORS = new HashMap<>();

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens, -1, -2 … */
    static Set<String> anchors(Path page) {
        return ANCHORS.computeIfAbsent(page, p -> {
            Set<String> anchors = new LinkedHashSet<>();
            if (!p.toString().endsWith(".md")) {
                return anchors;
            }
            Map<String, Integer> seen = new HashMap<>();
            boolean fenced = false;
            for (String line : read(p).split("\n")) {
                if (line.stripLeading().startsWith("```")) {
                    fenced = !fenced;
                }
                Matcher m = HEADING.matcher(line);
                if (fenced || !m.matches()) {
                    continue;
                }
                String slug = slug(m.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
            return anchors;
        });
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private static List<Path> textFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> ROOT.relativize(p).getNameCount() > 0)
                    .filter(p -> !NOT_OURS.contains(ROOT.relativize(p).getName(0).toString()))
                    .filter(Files::isRegularFile)
                    .filter(DocumentationLinksTest::isText)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return TEXT.contains(ext) || ext.isEmpty() && file.getParent().getFileName().toString().matches("\\.ci|bench");
    }

    /** Where tags are cited: the docs, the code, the processes and the forms. */
    private static List<Path> citingFiles() {
        return textFiles().stream()
                .filter(p -> {
                    String rel = ROOT.relativize(p).toString().replace('\\', '/');
                    return rel.equals("README.md") || rel.startsWith("docs/") && rel.endsWith(".md")
                            && !rel.equals("docs/glossary.md") || rel.startsWith("src/") || rel.startsWith("processes/")
                            || rel.startsWith("forms/");
                })
                .collect(Collectors.toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
