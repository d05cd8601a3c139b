package io.modelcatalogbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one container of a {@code deploy/} manifest hands the image's launcher: its memory and CPU limits and the
 * JVM-related environment (the image's {@code ENV} defaults from {@code src/main/docker/Dockerfile.jvm} with the
 * container's own values on top). Bench scripts build the same {@code java} command line from it as the image's
 * {@code run-java.sh} would, so benchmarks run with the settings that ship.
 *
 * <p>Arguments: {@code <manifest.yaml> <container name> [Dockerfile]}. Output: shell assignments, one a line:
 * {@code MEM_LIMIT_MIB=256}, {@code CPU_LIMIT=1} (rounded up; 0 without a limit) and {@code ENV_<NAME>='<value>'} for every variable
 * named {@code JAVA_*}, {@code GC_*}, {@code MALLOC_*} or {@code JDK_JAVA_OPTIONS}.
 */
public final class ContainerSettings {

    private static final Pattern JVM_VARIABLE = Pattern.compile("JAVA_.*|GC_.*|MALLOC_.*|JDK_JAVA_OPTIONS");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    private ContainerSettings() {}

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        String name = args[1];
        Path dockerfile = Path.of(args.length > 2 ? args[2] : "src/main/docker/Dockerfile.jvm");
        JsonNode container = find(manifest, name);
        Map<String, String> env = new LinkedHashMap<>(imageEnv(dockerfile));
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        JsonNode limits = container.path("resources").path("limits");
        StringBuilder out = new StringBuilder();
        out.append("MEM_LIMIT_MIB=")
                .append(mebibytes(limits.path("memory").asText()))
                .append('\n');
        out.append("CPU_LIMIT=").append(cpus(limits.path("cpu").asText(""))).append('\n');
        env.forEach((k, v) -> {
            if (JVM_VARIABLE.matcher(k).matches()) {
                out.append("ENV_")
                        .append(k)
                        .append("='")
                        .append(v.replace("'", "'\\''"))
                        .append("'\n");
            }
        });
        System.out.print(out);
    }

    private static JsonNode find(Path manifest, String name) throws Exception {
        try (MappingIterator<JsonNode> docs =
                new YAMLMapper().readerFor(JsonNode.class).readValues(Files.readString(manifest))) {
            for (JsonNode doc : docs.readAll()) {
                for (JsonNode c : containers(doc)) {
                    if (name.equals(c.path("name").asText())) {
                        return c;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no container '" + name + "' in " + manifest);
    }

    /** Containers of a Deployment, or of the Backstage CR's deployment patch. */
    private static List<JsonNode> containers(JsonNode doc) {
        JsonNode spec = doc.path("spec");
        JsonNode template = spec.has("deployment")
                ? spec.path("deployment").path("patch").path("spec").path("template")
                : spec.path("template");
        List<JsonNode> out = new ArrayList<>();
        template.path("spec").path("containers").forEach(out::add);
        return out;
    }

    /** {@code ENV} instructions of the Dockerfile ({@code ENV K=V [K=V …]}, values optionally double-quoted). */
    public static Map<String, String> imageEnv(Path dockerfile) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String l = logical.toString().strip();
            logical.setLength(0);
            if (!l.startsWith("ENV ")) {
                continue;
            }
            Matcher m = ENV_PAIR.matcher(l.substring(4));
            while (m.find()) {
                String v = m.group(2);
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
                }
                env.put(m.group(1), v);
            }
        }
        return env;
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        throw new IllegalArgumentException("memory limit in Mi or Gi expected, got '" + quantity + "'");
    }

    /** Whole CPUs the JVM sees under this limit (0: no limit). */
    private static long cpus(String quantity) {
        if (quantity.isBlank() || quantity.equals("0")) {
            return 0;
        }
        if (quantity.endsWith("m")) {
            return Math.max(1, (Long.parseLong(quantity.substring(0, quantity.length() - 1)) + 999) / 1000);
        }
        return Math.max(1, (long) Math.ceil(Double.parseDouble(quantity)));
    }
}
