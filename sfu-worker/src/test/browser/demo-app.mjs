// Drives the demo meeting app (deploy/local/demo-server.mjs) as a person would: two tabs type a name, click
// Join, must see each other's video playing and receive a chat line. The second person's name and the chat
// line carry HTML that runs script if the app ever renders them as markup (stored XSS): the app must show
// them as text. Argument: the demo app's URL.
// Prints one JSON line {tabs: [{status, playing, labels, injected, pwned}], chat}.
import { launchChromium } from './launch-chromium.mjs';

const demo = process.argv[2];
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">Bob';
const HOSTILE_CHAT = 'hello from alice <img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script>';
const browser = await launchChromium();
try {
  const pages = [];
  for (const name of ['Alice', HOSTILE_NAME]) {
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
      playing: [...document.querySelectorAll('#grid video')].filter(v => v.videoWidth > 0 && !v.paused).length,
      labels: [...document.querySelectorAll('#grid span')].map(s => s.textContent),
      injected: document.querySelectorAll('#grid img, #grid script, #chat *, #status *').length,
      pwned: window.__pwned ?? null }))));
    if (result.every(r => r.playing >= 2)) break;
    await new Promise(r => setTimeout(r, 500));
  }
  await pages[0].fill('#message', HOSTILE_CHAT);
  await pages[0].press('#message', 'Enter');
  await new Promise(r => setTimeout(r, 1500));
  const chat = await pages[1].evaluate(() => document.querySelector('#chat').textContent);
  const after = await Promise.all(pages.map(p => p.evaluate(() => ({ injected: document.querySelectorAll('#grid img, #grid script, #chat *').length,
    pwned: window.__pwned ?? null }))));
  console.log(JSON.stringify({ tabs: result, chat, after }));
} finally {
  await browser.close();
}
