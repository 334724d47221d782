// Drives the demo meeting app (deploy/local/demo-server.mjs) as a person would: two tabs type a name, click
// Join, must see each other's video playing and receive a chat line. Argument: the demo app's URL.
// Prints one JSON line {tabs: [{status, playing}], chat}.
import { launchChromium } from './launch-chromium.mjs';

const demo = process.argv[2];
const browser = await launchChromium();
try {
  const pages = [];
  for (const name of ['Alice', 'Bob']) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${demo}?room=demo-test`);
    await page.waitForFunction(() => !document.querySelector('input[name=name]').hidden);
    await page.fill('input[name=name]', name);
    await page.click('#join');
    pages.push(page);
  }
  const deadline = Date.now() + 20000;
  let result;
  while (Date.now() < deadline) {
    result = await Promise.all(pages.map(p => p.evaluate(() => ({ status: document.querySelector('#status').textContent,
      playing: [...document.querySelectorAll('#grid video')].filter(v => v.videoWidth > 0 && !v.paused).length }))));
    if (result.every(r => r.playing >= 2)) break;
    await new Promise(r => setTimeout(r, 500));
  }
  await pages[0].fill('#message', 'hello from alice');
  await pages[0].press('#message', 'Enter');
  await new Promise(r => setTimeout(r, 1500));
  const chat = await pages[1].evaluate(() => document.querySelector('#chat').textContent);
  console.log(JSON.stringify({ tabs: result, chat }));
} finally {
  await browser.close();
}
