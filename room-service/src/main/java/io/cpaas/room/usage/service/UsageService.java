package io.cpaas.room.usage.service;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.room.join.persistence.ParticipantRepository;
import io.cpaas.room.room.persistence.RoomRepository;
import io.cpaas.room.session.ParticipantSession;
import io.cpaas.room.session.RoomSpan;
import io.cpaas.room.usage.Granularity;
import io.cpaas.room.usage.UsageBucket;
import io.cpaas.room.usage.persistence.UsageLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's usage per hour or day: the ledger of closed sessions plus what the sessions still
 * open have used so far, so that a report taken during a call already counts it.
 */
@ApplicationScoped
public class UsageService {

    private final UsageLedger ledger;
    private final ParticipantRepository participants;
    private final RoomRepository rooms;
    private final Clock clock = Clock.systemUTC();

    public UsageService(UsageLedger ledger, ParticipantRepository participants, RoomRepository rooms) {
        this.ledger = ledger;
        this.participants = participants;
        this.rooms = rooms;
    }

    public UsageReport report(String tenantId, String fromParam, String toParam, String granularityParam) {
        Granularity granularity = granularityParam == null || granularityParam.isEmpty() ? Granularity.DAY
                : Granularity.fromWireName(granularityParam).orElseThrow(() -> invalid("granularity", "must be hour or day"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant to = toParam == null || toParam.isEmpty() ? now : parse("to", toParam);
        Instant from = fromParam == null || fromParam.isEmpty()
                ? to.minus(granularity == Granularity.HOUR ? Duration.ofDays(1) : Duration.ofDays(30)) : parse("from", fromParam);
        if (!from.isBefore(to)) {
            throw invalid("from", "must be before 'to'");
        }
        Instant start = granularity.floor(from);
        Instant end = granularity.ceil(to);
        TreeMap<Instant, UsageBucket> buckets = new TreeMap<>();
        for (Instant bucket = start; bucket.isBefore(end); bucket = granularity.next(bucket)) {
            if (buckets.size() == granularity.maxBuckets()) {
                throw invalid("from", "the range holds more than " + granularity.maxBuckets() + " " + granularity.wireName()
                        + " buckets; ask for a shorter range or a coarser granularity");
            }
            buckets.put(bucket, UsageBucket.empty(bucket));
        }
        for (UsageBucket recorded : ledger.buckets(tenantId, start, end, granularity)) {
            add(buckets, granularity, recorded);
        }
        if (now.isAfter(start)) {
            addOpenSessions(tenantId, buckets, granularity, start, end, now);
        }
        return new UsageReport(start, end, granularity, List.copyOf(buckets.values()));
    }

    /** Usage so far of sessions not yet closed (closing adds them to the ledger in full). */
    private void addOpenSessions(String tenantId, TreeMap<Instant, UsageBucket> buckets, Granularity granularity,
                                 Instant start, Instant end, Instant now) {
        List<ParticipantSession> present = participants.presentInTenant(tenantId);
        for (ParticipantSession session : present) {
            for (UsageLedger.HourShare share : UsageLedger.split(session.connectedAt(), now)) {
                if (!share.hour().isBefore(start) && share.hour().isBefore(end)) {
                    add(buckets, granularity, new UsageBucket(share.hour(), share.millis(), 0, 0, 0, 0, 0));
                }
            }
        }
        for (RoomSpan room : rooms.startedLive(tenantId)) {
            for (UsageLedger.HourShare share : UsageLedger.split(room.startedAt(), now)) {
                if (!share.hour().isBefore(start) && share.hour().isBefore(end)) {
                    add(buckets, granularity, new UsageBucket(share.hour(), 0, share.millis(), 0, 0, 0, 0));
                }
            }
        }
        Instant thisHour = UsageLedger.hourOf(now);
        if (!present.isEmpty() && !thisHour.isBefore(start) && thisHour.isBefore(end)) {
            add(buckets, granularity, new UsageBucket(thisHour, 0, 0, present.size(), 0, 0, 0));
        }
    }

    private static void add(Map<Instant, UsageBucket> buckets, Granularity granularity, UsageBucket hour) {
        Instant key = granularity.floor(hour.start());
        UsageBucket bucket = buckets.get(key);
        if (bucket != null) {
            buckets.put(key, bucket.plus(hour));
        }
    }

    private static Instant parse(String field, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant (2026-11-25T10:00:00Z) or date (2026-11-25)");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "Query parameter '" + field + "' " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))), null);
    }

    /** The buckets of [from, to), aligned to the granularity, oldest first. */
    public record UsageReport(Instant from, Instant to, Granularity granularity, List<UsageBucket> buckets) {

        public UsageBucket totals() {
            UsageBucket total = UsageBucket.empty(from);
            for (UsageBucket bucket : buckets) {
                total = total.plus(bucket);
            }
            return total;
        }
    }
}
