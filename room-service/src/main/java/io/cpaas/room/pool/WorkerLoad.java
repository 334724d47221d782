package io.cpaas.room.pool;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a worker reports with each heartbeat; cpu is the process's share of the machine, 0 to 1.
 * {@code participantSids} lists the participants connected to it now (null: not reported), which
 * confirms joins and tells room-service who left.
 */
public record WorkerLoad(
        @DecimalMin("0") @DecimalMax("1") double cpu,
        @Min(0) @Max(1_000_000) int participants,
        @Min(0) @Max(1_000_000) int tracksIn,
        @Min(0) @Max(10_000_000) int tracksOut,
        @Min(0) long bitrateBps,
        @Size(max = 100_000) List<@Size(max = 64) String> participantSids) {

    public static WorkerLoad idle() {
        return new WorkerLoad(0, 0, 0, 0, 0, null);
    }
}
