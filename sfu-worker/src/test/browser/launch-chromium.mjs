// Debian's Chromium as every browser test here starts it: headless, fake camera and microphone,
// no background networking (the machine has no internet), loopback candidates allowed, host
// candidates with real addresses rather than mDNS .local names (which do not resolve here): the
// 1:1 calls connect browser to browser.
// With `netns`, Chromium runs inside that network namespace (NetworkNamespace.java made it);
// `secureOrigins` are http:// origins treated as secure (getUserMedia needs a secure context, and a
// namespace reaches the test page at the host's address on its link, not at 127.0.0.1).
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

export function launchChromium({ netns = null, secureOrigins = [] } = {}) {
  const executable = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return chromium.launch({
    executablePath: netns ? join(here, 'netns-chromium.sh') : executable,
    ...(netns ? { env: { ...process.env, CPAAS_NETNS: netns, CHROMIUM_PATH: executable } } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required', '--force-fieldtrials=WebRTC-IPv6Default/Disabled/',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      ...(secureOrigins.length ? ['--unsafely-treat-insecure-origin-as-secure=' + secureOrigins.join(',')] : [])],
  });
}
