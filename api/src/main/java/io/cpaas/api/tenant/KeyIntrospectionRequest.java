package io.cpaas.api.tenant;

/** Body of the internal introspection call: the key as the caller received it. */
public record KeyIntrospectionRequest(String keyId, String secret) {

    @Override
    public String toString() {
        return "KeyIntrospectionRequest[keyId=" + keyId + ", secret=***]";
    }
}
