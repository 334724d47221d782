// Debian's Chromium as every browser test here starts it: headless, fake camera and microphone,
// no background networking (the machine has no internet), loopback candidates allowed, host
// candidates with real addresses rather than mDNS .local names (which do not resolve here): the
// 1:1 calls connect browser to browser.
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required', '--force-fieldtrials=WebRTC-IPv6Default/Disabled/',
      '--disable-features=WebRtcHideLocalIpsWithMdns'],
  });
}
