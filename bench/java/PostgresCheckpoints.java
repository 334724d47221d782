import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's count of checkpoints begun (timed and requested, from pg_stat_bgwriter), read with
 * psql. After a checkpoint begins, the first change to each page writes the whole page to the WAL,
 * so commits wait longer on their flush for a while: a window that holds one may show it in its tail.
 */
final class PostgresCheckpoints {

    private final List<String> psql;

    /** {@code psqlCommand}: how to run psql against the soak's server, e.g. {@code psql -h 127.0.0.1 -U postgres}. */
    PostgresCheckpoints(String psqlCommand) {
        this.psql = new ArrayList<>(List.of(psqlCommand.trim().split("\\s+")));
        psql.addAll(List.of("-X", "-Atc", "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter"));
    }

    /** The count so far; -1 when psql cannot tell (the soak goes on without the column's figure). */
    long begun() {
        try {
            Process process = new ProcessBuilder(psql).redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? Long.parseLong(out) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
