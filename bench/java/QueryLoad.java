import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Fixed-rate GETs of the paths listed in --paths (one a line; request i takes line i mod n), with an
 * API key, open loop like every tool here, after --warmup seconds at the same rate that are not
 * measured; prints one RESULT line named --name.
 */
public final class QueryLoad {

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int port = args.integer("port", 8082);
        int rate = args.integer("rate", 50);
        int seconds = args.integer("seconds", 20);
        int warmup = args.integer("warmup", 0);
        int connections = args.integer("connections", 8);
        String name = args.get("name", "query");
        List<String> paths = Files.readAllLines(Path.of(args.get("paths"))).stream().filter(l -> !l.isBlank()).toList();
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("--paths lists no path");
        }
        String basic = "Authorization: Basic "
                + Base64.getEncoder().encodeToString(args.get("key").getBytes(StandardCharsets.UTF_8));
        java.util.function.LongFunction<byte[]> request = i -> HttpConn.request("GET", paths.get((int) (i % paths.size())), null, basic);
        if (warmup > 0) {
            System.out.println(FixedRate.run(port, rate, warmup, connections, 200, request).line(name + "-warmup"));
        }
        FixedRate.Result result = FixedRate.run(port, rate, seconds, connections, 200, request);
        System.out.println(result.line(name));
        if (result.firstError() != null) {
            System.out.println("first error: " + result.firstError());
        }
    }
}
