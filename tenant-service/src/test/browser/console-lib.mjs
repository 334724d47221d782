// What every console scenario shares: Debian's Chromium started as the project's browser tests
// start it, signing in through Keycloak's real login page, screenshots, and reading the input.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** What each page screenshotted was found lacking in accessibility, by screenshot name; reported with the result. */
const accessibilityFindings = {};

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
  // A laptop's screen: every page must fit its width.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
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

/** Saves the page's screenshot and checks its accessibility (every page a scenario shows is both). */
export async function screenshot(page, input, name) {
  await page.screenshot({ path: join(input.screenshots, name + '.png'), fullPage: true });
  accessibilityFindings[name] = await accessibilityProblems(page);
}

/**
 * The serious and critical WCAG 2.1 A/AA violations axe-core finds in the page (labels, names,
 * contrast, keyboard-reachable controls, landmarks…), and a page wider than the laptop-sized window.
 * axe is evaluated through the DevTools protocol, which the console's Content-Security-Policy does
 * not apply to, so the page is checked exactly as it is served.
 */
async function accessibilityProblems(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    const problems = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    if (document.documentElement.scrollWidth > window.innerWidth) {
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
    }
    return problems;
  });
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
  process.stdout.write(JSON.stringify({ ...result, accessibility: accessibilityFindings }) + '\n');
}
