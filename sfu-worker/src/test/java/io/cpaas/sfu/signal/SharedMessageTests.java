package io.cpaas.sfu.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedMessageTests {

    @Test
    void isWrittenAsJsonOnceHoweverManyHearIt() throws JsonProcessingException {
        AtomicInteger writes = new AtomicInteger();
        ObjectMapper json = new ObjectMapper() {
            @Override
            public String writeValueAsString(Object value) throws JsonProcessingException {
                writes.incrementAndGet();
                return super.writeValueAsString(value);
            }
        };
        SharedMessage shared = new SharedMessage(json.createObjectNode().put("type", "connectionQuality"));
        String first = shared.text(json);
        for (int participant = 1; participant < 300; participant++) {
            assertSame(first, shared.text(json));
        }
        assertEquals(1, writes.get());
        assertEquals("{\"type\":\"connectionQuality\"}", first);
    }
}
