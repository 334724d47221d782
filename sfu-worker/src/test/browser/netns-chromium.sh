#!/bin/sh
# Chromium inside the network namespace named by CPAAS_NETNS (launch-chromium.mjs sets it), so that
# its traffic crosses that namespace's link (src/test/java/.../support/NetworkNamespace.java).
exec ip netns exec "$CPAAS_NETNS" "${CHROMIUM_PATH:-/usr/bin/chromium}" "$@"
