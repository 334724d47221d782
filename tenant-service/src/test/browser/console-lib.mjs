// What every console scenario shares: Debian's Chromium started as the project's browser tests
// start it, signing in through Keycloak's real login page, screenshots, and reading the input.
import { chromium } from 'playwright-core';
import { join } from 'node:path';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'],
  });
}

/** The scenario's input: one JSON document on standard input. */
export async function readInput() {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
  }
  return JSON.parse(text);
}

/** A fresh browser context (own cookies) signed in as the user; answers its page, on the console. */
export async function signIn(browser, baseUrl, username, password, startPath = '/console') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(baseUrl + startPath);
  await page.waitForSelector('#kc-form-login');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => url.toString().startsWith(baseUrl + '/console')), page.click('#kc-login')]);
  await page.waitForLoadState('load');
  return page;
}

export async function screenshot(page, input, name) {
  await page.screenshot({ path: join(input.screenshots, name + '.png'), fullPage: true });
}

/** Every script found in the page that the page did not ship (an injected string that ran, or would). */
export async function strayScripts(page) {
  return page.evaluate(() => [...document.querySelectorAll('script')]
    .filter((s) => !(s.src && new URL(s.src).pathname.startsWith('/console/assets/')) && s.type !== 'application/json')
    .map((s) => s.outerHTML));
}

/** Opens a usage page and answers its totals, what each chart holds and the CSV of the same range. */
export async function readUsage(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.cpaasUsageCharts && Object.keys(window.cpaasUsageCharts).length === 4);
  const usage = {
    participantMinutes: (await page.textContent('#total-participant-minutes')).trim(),
    roomMinutes: (await page.textContent('#total-room-minutes')).trim(),
    peak: (await page.textContent('#total-peak')).trim(),
    bytesIn: await page.getAttribute('#total-bytes-in', 'data-bytes'),
    bytesOut: await page.getAttribute('#total-bytes-out', 'data-bytes'),
    turn: (await page.textContent('#total-turn')).trim(),
    charts: await page.evaluate(() => window.cpaasUsageCharts),
    canvasesDrawn: await page.evaluate(() => [...document.querySelectorAll('canvas')]
      .every((canvas) => canvas.width > 0 && canvas.toDataURL().length > 2000)),
  };
  usage.csv = await page.evaluate(async () => {
    const link = document.querySelector('a[download]');
    return (await fetch(link.href)).text();
  });
  return usage;
}

/** Writes the scenario's findings as the one line the JUnit side reads. */
export function report(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}
