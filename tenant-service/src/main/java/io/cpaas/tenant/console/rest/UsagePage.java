package io.cpaas.tenant.console.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.console.service.ConsoleRooms;
import io.cpaas.tenant.console.service.RoomData;
import io.cpaas.tenant.console.view.Nav;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Usage dashboards: room-service's own report (the numbers of GET /v1/usage) for a range of whole
 * UTC days, as charts, totals, a table and CSV. room-service sums the hours in SQL; this page only
 * copies its buckets.
 */
@Path("/console/tenants/{tenantId}")
public class UsagePage {

    private final ConsoleRooms rooms;
    private final ConsoleSession session;
    private final ConsoleErrors errors;
    private final ObjectMapper json;

    public UsagePage(ConsoleRooms rooms, ConsoleSession session, ConsoleErrors errors, ObjectMapper json) {
        this.rooms = rooms;
        this.session = session;
        this.errors = errors;
        this.json = json;
    }

    @GET
    @Path("/usage")
    @Produces(MediaType.TEXT_HTML)
    public Response usage(@PathParam("tenantId") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("granularity") String granularity) {
        Nav nav = session.tenantNav(tenantId, "usage");
        Range range = Range.of(from, to, granularity);
        RoomData.Usage usage = rooms.usage(session.caller(), tenantId, range.from().toString(), range.toExclusive().toString(),
                range.granularity());
        String csv = nav.tenantBase() + "/usage.csv?" + range.query();
        return Response.ok(ConsoleTemplates.usage(nav, usage, range.from().toString(), range.to().toString(), range.granularity(),
                        chartJson(usage), csv).render(), MediaType.TEXT_HTML_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/usage.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("tenantId") String tenantId, @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("granularity") String granularity) {
        Range range = Range.of(from, to, granularity);
        RoomData.Usage usage = rooms.usage(session.caller(), tenantId, range.from().toString(), range.toExclusive().toString(),
                range.granularity());
        StringBuilder csv = new StringBuilder("start,end,participant_minutes,room_minutes,peak_concurrent_participants,"
                + "bytes_in,bytes_out,turn_credentials_issued\r\n");
        for (RoomData.Bucket bucket : usage.buckets()) {
            csv.append(bucket.start()).append(',').append(bucket.end()).append(',').append(bucket.participantMinutes().toPlainString())
                    .append(',').append(bucket.roomMinutes().toPlainString()).append(',').append(bucket.peakConcurrentParticipants())
                    .append(',').append(bucket.bytesIn()).append(',').append(bucket.bytesOut()).append(',')
                    .append(bucket.turnCredentialsIssued()).append("\r\n");
        }
        String file = "usage-" + tenantId.replaceAll("[^A-Za-z0-9_-]", "") + "-" + range.from() + "-" + range.to() + ".csv";
        return Response.ok(csv.toString(), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return errors.page(e);
    }

    /**
     * The chart's data as JSON for a {@code <script type="application/json">} element: only numbers
     * and ISO dates, and every {@code <} escaped so that nothing can close the element early.
     */
    private String chartJson(RoomData.Usage usage) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("granularity", usage.granularity());
        chart.put("labels", usage.buckets().stream().map(b -> b.start().toString()).toList());
        chart.put("participantMinutes", usage.buckets().stream().map(RoomData.Bucket::participantMinutes).toList());
        chart.put("roomMinutes", usage.buckets().stream().map(RoomData.Bucket::roomMinutes).toList());
        chart.put("peakConcurrentParticipants", usage.buckets().stream().map(RoomData.Bucket::peakConcurrentParticipants).toList());
        chart.put("bytesIn", usage.buckets().stream().map(RoomData.Bucket::bytesIn).toList());
        chart.put("bytesOut", usage.buckets().stream().map(RoomData.Bucket::bytesOut).toList());
        chart.put("turnCredentialsIssued", usage.buckets().stream().map(RoomData.Bucket::turnCredentialsIssued).toList());
        try {
            return json.writeValueAsString(chart).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The days picked (both inclusive, UTC); by default the last 30 days up to today. */
    record Range(LocalDate from, LocalDate to, String granularity) {

        static Range of(String from, String to, String granularity) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate end = blank(to) ? today : date("to", to);
            LocalDate start = blank(from) ? end.minusDays(29) : date("from", from);
            if (start.isAfter(end)) {
                throw invalid("from", "The first day must not be after the last day");
            }
            String unit = blank(granularity) ? "day" : granularity;
            if (!unit.equals("day") && !unit.equals("hour")) {
                throw invalid("granularity", "Granularity must be day or hour");
            }
            return new Range(start, end, unit);
        }

        java.time.Instant toExclusive() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        String query() {
            return "from=" + from + "&to=" + to + "&granularity=" + URLEncoder.encode(granularity, StandardCharsets.UTF_8);
        }

        private static LocalDate date(String field, String value) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw invalid(field, "'" + field + "' must be a date such as 2026-11-30");
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        private static ProblemException invalid(String field, String message) {
            return new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, message)
                    .withErrors(List.of(new Problem.FieldError(field, message))), null);
        }
    }
}
