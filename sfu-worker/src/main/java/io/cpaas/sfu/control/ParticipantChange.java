package io.cpaas.sfu.control;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of the internal participant update: what to change; null fields stay as they are. */
public record ParticipantChange(@Size(min = 1, max = 128) String name, @Size(max = 4096) String metadata,
                                @Valid PermissionsChange permissions) {

    /** Permissions to change; null fields stay as they are. */
    public record PermissionsChange(Boolean publish, Boolean subscribe, Boolean publishData,
                                    @Size(max = 4) List<@NotNull @Pattern(regexp = "camera|microphone|screen|screen_audio") String> sources) {
    }
}
