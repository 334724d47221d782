import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fixed-rate room-token minting: POST /v1/rooms/{room}/tokens with an API key at --rate per second
 * for --seconds (after --warmup seconds at the same rate, not counted), each with its own identity.
 * Prints a RESULT line (see FixedRate) and the load generator's own CPU time; --latency-log=FILE also
 * writes every request's due time and latency.
 */
public final class MintLoad {

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int port = args.integer("port", 8082);
        int rate = args.integer("rate", 100);
        int seconds = args.integer("seconds", 10);
        int warmup = args.integer("warmup", 5);
        int connections = args.integer("connections", 32);
        String room = args.get("room", "bench-mint");
        String basic = "Authorization: Basic "
                + Base64.getEncoder().encodeToString(args.get("key").getBytes(StandardCharsets.UTF_8));

        if (warmup > 0) {
            FixedRate.Result warm = FixedRate.run(port, rate, warmup, connections, 201, i -> mint(room, basic, "w" + i));
            System.out.println(warm.line("mint-warmup"));
        }
        CpuClock cpu = CpuClock.start();
        FixedRate.Result result = FixedRate.run(port, rate, seconds, connections, 201, i -> mint(room, basic, "u" + i));
        System.out.println(result.line("mint") + " loadgen_cpu=" + cpu.percentOfOneCore());
        if (!args.get("latency-log", "").isEmpty()) {
            result.writeLog(args.get("latency-log"), rate, 0);
        }
        if (result.firstError() != null) {
            System.out.println("first error: " + result.firstError());
        }
    }

    static byte[] mint(String room, String basic, String identity) {
        return HttpConn.request("POST", "/v1/rooms/" + room + "/tokens", "{\"identity\":\"" + identity + "\"}",
                basic, "Content-Type: application/json");
    }
}
