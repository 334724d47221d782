package io.cpaas.room.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A batch of events a worker reports, oldest first. */
public record WorkerEventBatch(@NotNull @Size(max = 500) List<@NotNull @Valid WorkerEvent> events) {
}
