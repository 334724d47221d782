import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Command-line options: --name=value, and --flag. */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    Options(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value or --flag, got " + arg + " (try --help)");
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                flags.add(arg.substring(2));
            } else {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
    }

    String get(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing --" + name + "=... (try --help)");
        }
        return value;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    long longValue(String name, long fallback) {
        return Long.parseLong(get(name, Long.toString(fallback)));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
