package io.modelcatalogbridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Kubernetes API verbs the main sources use, read from their fabric8 call chains: every statement of a file
 * that imports the fabric8 client is searched for a resource accessor ({@code configMaps()},
 * {@code genericKubernetesResources(ROUTE)}, …) and the DSL operations after it ({@code .list()}, {@code .get()},
 * {@code .edit(…)} = get + patch, {@code .inform(…)} = list + watch, …). A namespaced call on an accessor this
 * scanner does not know is reported, so a new kind of call cannot slip past the RBAC check.
 */
final class KubernetesCalls {

    /** What it found: {@code core/configmaps -> verbs}, the places each came from, and calls it could not read. */
    record Result(Map<String, Set<String>> verbs, Map<String, Set<String>> sources, List<String> unknown) {}

    private static final Map<String, String> TYPED = Map.of(
            "configMaps()", "core/configmaps",
            "services()", "core/services",
            "serviceAccounts()", "core/serviceaccounts",
            "customResourceDefinitions()", "apiextensions.k8s.io/customresourcedefinitions");

    /** fabric8 DSL operation -> the API verbs it sends. */
    private static final Map<String, List<String>> OPERATIONS = new LinkedHashMap<>();

    static {
        OPERATIONS.put(".list()", List.of("list"));
        OPERATIONS.put(".get()", List.of("get"));
        OPERATIONS.put(".create(", List.of("create"));
        OPERATIONS.put(".update(", List.of("update"));
        OPERATIONS.put(".replace(", List.of("update"));
        OPERATIONS.put(".createOr", List.of("create", "update"));
        OPERATIONS.put(".edit(", List.of("get", "patch"));
        OPERATIONS.put(".patch(", List.of("patch"));
        OPERATIONS.put(".serverSideApply(", List.of("patch"));
        OPERATIONS.put(".delete(", List.of("delete"));
        OPERATIONS.put(".watch(", List.of("watch"));
        OPERATIONS.put(".inform(", List.of("list", "watch"));
        OPERATIONS.put(".informOn", List.of("list", "watch"));
        OPERATIONS.put(".runnableInformer(", List.of("list", "watch"));
    }

    private static final Pattern GENERIC = Pattern.compile("genericKubernetesResources\\((\\w+)\\)");
    private static final Pattern CONTEXT =
            Pattern.compile("(\\w+)\\s*=\\s*new ResourceDefinitionContext\\.Builder\\(\\)(.*?);", Pattern.DOTALL);
    private static final Pattern WITH = Pattern.compile("\\.with(Group|Plural)\\(([^)]*)\\)");
    private static final Pattern STRING_CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\"");
    private static final Pattern KIND_WATCH = Pattern.compile("new KindWatch\\([^,]+,\\s*\"(\\w+)\"");

    private KubernetesCalls() {}

    static Result scan(Path sources) {
        Map<String, Set<String>> verbs = new TreeMap<>();
        Map<String, Set<String>> where = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Path file : javaFiles(sources)) {
            String text = read(file);
            if (!text.contains("import io.fabric8.kubernetes.client.")) {
                continue;
            }
            String code = stripComments(text);
            String name = sources.relativize(file).toString();
            for (String statement : code.split("[;{}]")) {
                List<String> resources = resources(statement, code, sources, name, unknown);
                if (resources.isEmpty()) {
                    if (statement.contains(".inNamespace(") || statement.contains(".inAnyNamespace()")) {
                        unknown.add(name + ": " + statement.strip().replaceAll("\\s+", " "));
                    }
                    continue;
                }
                for (String r : resources) {
                    Set<String> v = verbs.computeIfAbsent(r, k -> new TreeSet<>());
                    OPERATIONS.forEach((op, sent) -> {
                        if (statement.contains(op)) {
                            v.addAll(sent);
                            where.computeIfAbsent(r, k -> new TreeSet<>()).add(name);
                        }
                    });
                }
            }
        }
        return new Result(verbs, where, unknown);
    }

    private static List<String> resources(
            String statement, String code, Path sources, String file, List<String> unknown) {
        List<String> out = new ArrayList<>();
        TYPED.forEach((accessor, resource) -> {
            if (statement.contains("." + accessor)) {
                out.add(resource);
            }
        });
        Matcher g = GENERIC.matcher(statement);
        while (g.find()) {
            List<String> r = generic(g.group(1), code, sources);
            if (r.isEmpty()) {
                unknown.add(
                        file + ": genericKubernetesResources(" + g.group(1) + ") names no resource this test knows");
            }
            out.addAll(r);
        }
        return out;
    }

    /** Resolves the ResourceDefinitionContext variable of a generic call to {@code group/plural}. */
    private static List<String> generic(String variable, String code, Path sources) {
        Matcher m = CONTEXT.matcher(code);
        while (m.find()) {
            if (!m.group(1).equals(variable)) {
                continue;
            }
            String group = null;
            String plural = null;
            Matcher w = WITH.matcher(m.group(2));
            while (w.find()) {
                String value = constant(w.group(2).strip(), code);
                if (w.group(1).equals("Group")) {
                    group = value;
                } else {
                    plural = w.group(2).strip();
                }
            }
            if (group == null || plural == null) {
                return List.of();
            }
            if (plural.startsWith("\"")) {
                return List.of(group + "/" + plural.replace("\"", ""));
            }
            // KindWatch builds its context from the plural it was constructed with: KServeWatcher names them.
            List<String> plurals = new ArrayList<>();
            Matcher k =
                    KIND_WATCH.matcher(read(sources.resolve("io/modelcatalogbridge/source/kserve/KServeWatcher.java")));
            while (k.find()) {
                plurals.add(group + "/" + k.group(1));
            }
            return plurals;
        }
        return List.of();
    }

    private static String constant(String expression, String code) {
        if (expression.startsWith("\"")) {
            return expression.replace("\"", "");
        }
        Matcher c = STRING_CONSTANT.matcher(code);
        while (c.find()) {
            if (c.group(1).equals(expression)) {
                return c.group(2);
            }
        }
        return null;
    }

    /** Block comments, and line comments that contain no quote (so "http://…" strings survive). */
    static String stripComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//[^\\n\"]*$", "");
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
