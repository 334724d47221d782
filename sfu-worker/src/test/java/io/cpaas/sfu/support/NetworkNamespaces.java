package io.cpaas.sfu.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link ControlPlane} with network namespaces around it, for tests that put participants
 * behind bad networks: creates the namespaces first (init arg {@code namespaces}, default 1), then
 * starts tenant-service, room-service and the worker so that every namespace and the host itself
 * reach them at the first namespace's host-side address (the worker's media socket is bound to it
 * and announced in its ICE candidates, so its replies leave from the address the browsers sent to).
 * {@link ControlPlane#roomUrl()} answers that address. Browsers on the host join as usual; a browser
 * in {@code namespace(i)} has its traffic go over that namespace's link. The namespaces live as long
 * as the test class; clear their impairments between tests.
 *
 * <p>Use it through a test profile, not {@code @QuarkusTestResource}: a test resource annotation
 * applies to every test of the module and the global {@link ControlPlane} would start beside it. The
 * profiles here replace the global resources for the classes that name them:
 *
 * <pre>{@code
 * @QuarkusTest
 * @TestProfile(NetworkNamespaces.OneNamespace.class)     // or TwoNamespaces
 * class SomeImpairmentTests { ... NetworkNamespaces.namespace(0).impair(...) ... }
 * }</pre>
 */
public class NetworkNamespaces extends ControlPlane {

    /** The control plane reached through one namespace, and no other test resource. */
    public static class OneNamespace implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NetworkNamespaces.class, Map.of("namespaces", "1")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** The same with two namespaces, e.g. one impaired participant and one clean one behind the same kind of link. */
    public static class TwoNamespaces extends OneNamespace {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NetworkNamespaces.class, Map.of("namespaces", "2")));
        }
    }

    private static final List<NetworkNamespace> NAMESPACES = new ArrayList<>();
    private int count = 1;

    @Override
    public void init(Map<String, String> initArgs) {
        count = Integer.parseInt(initArgs.getOrDefault("namespaces", "1"));
        if (count < 1 || count > 8) {
            throw new IllegalArgumentException("namespaces must be 1-8, not " + count);
        }
    }

    public static synchronized NetworkNamespace namespace(int index) {
        return NAMESPACES.get(index);
    }

    @Override
    public Map<String, String> start() {
        try {
            synchronized (NetworkNamespaces.class) {
                for (int i = 0; i < count; i++) {
                    NAMESPACES.add(NetworkNamespace.create());
                }
            }
            return start(NAMESPACES.get(0).hostAddress());
        } catch (RuntimeException | Error e) {
            try {
                super.stop(); // services already started must not outlive the failed start
            } finally {
                closeNamespaces();
            }
            throw e;
        }
    }

    /**
     * Browser tests in namespaces run for minutes on a shared 2-core machine where a beat can come
     * seconds late; a worker released as failed in the middle would make them test reconnection.
     */
    @Override
    protected String heartbeatInterval() {
        return "3S";
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            closeNamespaces();
        }
    }

    private static synchronized void closeNamespaces() {
        NAMESPACES.forEach(NetworkNamespace::close);
        NAMESPACES.clear();
    }
}
