import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SFU load tool's entry point (bench/run.sh sfu): simulated publishers and subscribers through the
 * real join flow and signaling, synthetic audio and video over DTLS-SRTP, a report as a table and JSON.
 * With --compare, the same one-room load against our worker and Janus, subscribers stepping up.
 */
public final class SfuLoad {

    static final String HELP = """
            Usage: SfuLoad [--name=value ...]

            Load against our SFU worker through room-service (one run):
              --room-url=URL          room-service (POST /v1/rooms, tokens, /v1/rtc/join)          required
              --api-key=ID:SECRET     a tenant API key with rooms:write and tokens:create            required
              --rooms=N               rooms                                                          1
              --publishers=P          publishers per room (audio + video each)                       1
              --subscribers=S         subscribers per room (each receives every publisher)          10
              --seconds=D             measured seconds, after the joins and the warm-up              20
              --warmup=W              seconds between the last join and the measurement              3
              --worker-pid=PID        the SFU's process, for its CPU and memory (/proc)              none
              --worker-metrics=URL    our worker's /q/metrics, for its own read-to-send times      none
              --media=av|video|audio  what each publisher sends                                      av
              --speakers=K            audio carries an RFC 6464 level: the first K publishers of a
                                      room speak, the others send silence                            no level
              --feedback              as browsers: publishers stamp transport-wide sequence numbers,
                                      subscribers send transport-cc feedback (100 ms) and receiver
                                      reports (1 s); our worker only                                 off
              --keyframe-seconds=K    a keyframe every K seconds (and on PLI/FIR)                    3
              --setup-threads=T       joins in parallel                                              4
              --receive-threads=R     receive threads (one selector each)                            1
              --mode=conference|broadcast  the rooms' mode; broadcast: hosts on an origin, viewers on edges  conference
              --watch=PID@URL,...     our workers to read over the window (CPU, RTP and relay packets):
                                      a broadcast's origin and edges                                 none
              --steps=25,50,100       one run per step, one room × one publisher × that many subscribers
              --json=FILE             write the result as JSON too
              --quiet                 no progress line
              --target=janus          the same load against Janus instead (--janus-url, --janus-pid)

            Side by side with Janus (one room, one publisher, S subscribers for each step):
              --compare=10,50,100     subscriber steps; runs our worker, then Janus, at each step
              --rounds=N              each step N times (our worker and Janus alternating); the table
                                      shows each SFU's median round by CPU per stream, and every
                                      round's CPU per stream and loss in rows of their own           1
              --janus-url=URL         Janus's HTTP API (http://127.0.0.1:8088/janus)
              --janus-pid=PID         Janus's process, for its CPU and memory
              --chart=FILE.png        CPU per stream vs subscribers, both SFUs
              --chart-note=TEXT       added to the chart's subtitle (commit, machine)
            """;

    private SfuLoad() {
    }

    public static void main(String[] argv) throws Exception {
        for (String arg : argv) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(HELP);
                return;
            }
        }
        Options args = new Options(argv);
        String media = args.get("media", "av");
        if (!media.matches("av|audio|video")) {
            throw new IllegalArgumentException("--media is av, audio or video");
        }
        String mode = args.get("mode", "conference");
        if (!mode.matches("conference|broadcast")) {
            throw new IllegalArgumentException("--mode is conference or broadcast");
        }
        List<WatchedWorker> watched = WatchedWorker.parse(args.get("watch", ""));
        int seconds = args.integer("seconds", 20);
        int warmup = args.integer("warmup", 3);
        int keyframe = args.integer("keyframe-seconds", 3);
        int setup = args.integer("setup-threads", 4);
        int receive = args.integer("receive-threads", 1);
        int speakers = args.integer("speakers", -1);
        boolean feedback = args.flag("feedback");
        if (speakers < -1) {
            throw new IllegalArgumentException("--speakers is 0 or more");
        }
        boolean progress = !args.flag("quiet");
        List<RunResult> runs = new ArrayList<>();
        String compare = args.get("compare", "");
        String steps = args.get("steps", "");
        if (!compare.isEmpty() && !steps.isEmpty()) {
            throw new IllegalArgumentException("--compare and --steps both step the subscribers: give one");
        }
        if (compare.isEmpty() && steps.isEmpty()) {
            LoadPlan plan = new LoadPlan(args.integer("rooms", 1), args.integer("publishers", 1), args.integer("subscribers", 10),
                    seconds, warmup, keyframe, setup, receive, !media.equals("video"), !media.equals("audio"), progress, speakers, feedback);
            boolean janus = args.get("target", "cpaas").equals("janus");
            try (SfuTarget target = janus ? new JanusTarget(args.get("janus-url"), 15_000)
                    : new CpaasTarget(args.get("room-url"), args.get("api-key"), mode, 15_000)) {
                runs.add(new LoadRun(target, plan, args.longValue(janus ? "janus-pid" : "worker-pid", 0),
                        janus ? "" : args.get("worker-metrics", ""), janus ? List.of() : watched).run());
            }
        } else {
            int rounds = args.integer("rounds", 1);
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds is 1 or more");
            }
            boolean withJanus = !compare.isEmpty() && !args.get("janus-url", "").isEmpty();
            for (String step : (compare.isEmpty() ? steps : compare).split(",")) {
                int subscribers = Integer.parseInt(step.trim());
                LoadPlan plan = new LoadPlan(1, 1, subscribers, seconds, warmup, keyframe, setup, receive, !media.equals("video"),
                        !media.equals("audio"), progress, speakers, feedback);
                List<RunResult> oursRounds = new ArrayList<>();
                List<RunResult> janusRounds = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    try (SfuTarget ours = new CpaasTarget(args.get("room-url"), args.get("api-key"), mode, 15_000)) {
                        oursRounds.add(new LoadRun(ours, plan, args.longValue("worker-pid", 0), args.get("worker-metrics", ""), watched).run());
                    }
                    if (withJanus) {
                        try (SfuTarget janus = new JanusTarget(args.get("janus-url"), 15_000)) {
                            janusRounds.add(new LoadRun(janus, plan, args.longValue("janus-pid", 0), "", List.of()).run());
                        }
                    }
                    Thread.sleep(2000); // let the rooms and peers of the last run go before the next
                }
                runs.add(rounds == 1 ? oursRounds.get(0) : RunResult.medianRound(oursRounds));
                if (withJanus) {
                    runs.add(rounds == 1 ? janusRounds.get(0) : RunResult.medianRound(janusRounds));
                }
            }
            if (!args.get("chart", "").isEmpty()) {
                CpuChart.write(runs, Path.of(args.get("chart")), args.get("chart-note", ""));
            }
        }
        System.out.print(Report.table(runs));
        if (runs.stream().anyMatch(r -> !r.workers().isEmpty())) {
            System.out.println();
            System.out.print(Report.workers(runs));
        }
        if (!args.get("json", "").isEmpty()) {
            Report.writeJson(Path.of(args.get("json")), runs);
        }
        System.exit(0); // the HttpClient's and WebSockets' threads would keep the JVM alive a little longer
    }
}
