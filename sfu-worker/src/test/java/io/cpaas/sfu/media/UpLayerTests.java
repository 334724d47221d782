package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpLayerTests {

    private final UpLayer layer = new UpLayer(0, null, 0x1234, 90_000);

    @Test
    void aKeyframeRequestTooSoonAfterTheLastIsDeferredPastThePublishersOwnIntervalNotDropped() {
        assertTrue(layer.mayRequestKeyframe());
        assertFalse(layer.mayRequestKeyframe(), "one request per 300 ms");

        long wait = layer.deferKeyframeRequest();

        assertTrue(wait > TimeUnit.MILLISECONDS.toNanos(300) && wait <= TimeUnit.MILLISECONDS.toNanos(400),
                "after our 300 ms and the margin for the publisher's own, was " + wait + " ns");
    }

    @Test
    void oneDeferredRequestWaitsAtATime() {
        assertTrue(layer.mayRequestKeyframe());
        assertTrue(layer.deferKeyframeRequest() >= 0);
        assertEquals(-1, layer.deferKeyframeRequest(), "a second early request joins the one waiting");

        layer.deferredKeyframeRequestDue();

        assertTrue(layer.deferKeyframeRequest() >= 0, "once it is made, a later early request is deferred again");
    }
}
