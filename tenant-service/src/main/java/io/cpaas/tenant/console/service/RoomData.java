package io.cpaas.tenant.console.service;

import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What room-service's internal console API answers, as the console reads it (unknown fields ignored). */
public final class RoomData {

    private RoomData() {
    }

    /** GET /v1/usage's shape: buckets and totals. */
    @TemplateData
    public record Usage(Instant from, Instant to, String granularity, List<Bucket> buckets, Bucket totals) {
    }

    /** One bucket (or the totals, which have no start and end). */
    @TemplateData
    public record Bucket(Instant start, Instant end, BigDecimal participantSeconds, BigDecimal participantMinutes,
                         BigDecimal roomSeconds, BigDecimal roomMinutes, int peakConcurrentParticipants, long bytesIn,
                         long bytesOut, long turnCredentialsIssued) {
    }

    @TemplateData
    public record LiveRooms(List<LiveRoom> items) {
    }

    @TemplateData
    public record LiveRoom(String name, String mode, String status, String metadata, int maxParticipants, Instant createdAt,
                           Instant startedAt, String workerId, int participants) {
    }

    @TemplateData
    public record RoomDetail(Room room, List<Present> present, List<Participant> participants, String workerError) {
    }

    @TemplateData
    public record Room(String name, String mode, int maxParticipants, int emptyTimeoutSeconds, String region, String metadata,
                       String status, Instant createdAt, Instant startedAt, String workerId) {
    }

    @TemplateData
    public record Present(String sid, String identity, String name, Instant joinedAt, Instant connectedAt) {
    }

    @TemplateData
    public record Participant(String sid, String identity, String name, String metadata, String state, Instant joinedAt,
                              boolean hidden, List<Track> tracks) {
    }

    @TemplateData
    public record Track(String sid, String kind, String source, boolean muted, boolean serverMuted) {
    }

    @TemplateData
    public record Deliveries(List<Delivery> items, String nextCursor) {
    }

    @TemplateData
    public record Delivery(String id, String type, String roomSid, Instant createdAt, String state, int attempts,
                           Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError, Instant finishedAt,
                           List<Attempt> attemptLog) {
    }

    @TemplateData
    public record Attempt(int attempt, Instant at, String url, Integer status, int latencyMillis, String error) {
    }

    @TemplateData
    public record Queued(String id) {
    }

    @TemplateData
    public record Workers(List<PoolWorker> items) {
    }

    @TemplateData
    public record PoolWorker(Worker worker, int rooms) {
    }

    @TemplateData
    public record Worker(String id, String region, String signalUrl, int maxParticipants, int maxTracks, String state,
                         Instant lastHeartbeatAt, Load load) {
    }

    @TemplateData
    public record Load(double cpu, int participants, int tracksIn, int tracksOut, long bitrateBps) {
    }
}
