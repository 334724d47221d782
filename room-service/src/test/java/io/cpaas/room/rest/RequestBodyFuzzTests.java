package io.cpaas.room.rest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.rest.StrictJson;
import io.cpaas.room.participant.rest.MuteRequest;
import io.cpaas.room.participant.rest.ParticipantUpdateRequest;
import io.cpaas.room.room.rest.RoomCreateRequest;
import io.cpaas.room.token.rest.RoomTokenRequest;
import io.cpaas.room.turn.rest.TurnCredentialsRequest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Coverage-guided fuzzing (Jazzer) of how room-service reads request bodies: Jackson configured by
 * rest-common's {@link StrictJson}, then bean validation, for every body the public API takes. The
 * first input byte picks the body type, the rest is the body. Either reading fails with a
 * {@link JsonProcessingException} (which {@code ProblemMappers} answers as a 400 problem) or the object
 * is validated without any exception; anything else (a stack overflow on deep nesting, an
 * unexpected runtime exception that would become a 500) is a finding. Seeds: {@code RequestBodyFuzzTestsInputs/}.
 */
class RequestBodyFuzzTests {

    private static final List<Class<?>> BODIES = List.of(RoomCreateRequest.class, RoomTokenRequest.class,
            TurnCredentialsRequest.class, MuteRequest.class, ParticipantUpdateRequest.class);
    private static final ObjectMapper JSON = strictMapper();
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @FuzzTest(maxDuration = "5s")
    void anyBodyIsReadAndValidatedOrRefusedAsMalformed(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Class<?> type = BODIES.get((input[0] & 0xFF) % BODIES.size());
        Object body;
        try {
            body = JSON.readValue(new String(input, 1, input.length - 1, UTF_8), type);
        } catch (JsonProcessingException malformed) {
            return;
        }
        if (body != null) {
            VALIDATOR.validate(body);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
