// Console scenario over room-service's data: usage (charts, totals, CSV), live rooms and a room's
// detail with hostile names and metadata, webhooks (test event, log), another tenant's pages not
// found; then the platform admin's tenants and worker pool, draining a worker.
import { launchChromium, readInput, readUsage, report, screenshot, signIn, strayScripts } from './console-lib.mjs';

const input = await readInput();
const browser = await launchChromium();
const result = { stray: [] };
try {
  const base = `${input.baseUrl}/console/tenants/${input.tenantId}`;
  const admin = await signIn(browser, input.baseUrl, input.admin.user, input.admin.password);
  await admin.addInitScript(() => { window.__xss = undefined; });

  // Usage: the totals, what each chart holds, and the CSV of the same range.
  result.usage = await readUsage(admin, `${base}/usage?from=${input.from}&to=${input.to}&granularity=day`);
  await screenshot(admin, input, 'usage');
  result.stray.push(...await strayScripts(admin));

  // Live rooms and the room's detail.
  await admin.goto(`${base}/rooms`);
  result.rooms = await admin.$$eval('#rooms tbody tr', (rows) => rows.map((row) => ({
    name: row.dataset.room, cells: [...row.cells].map((cell) => cell.textContent.trim()),
  })));
  await screenshot(admin, input, 'live-rooms');
  result.stray.push(...await strayScripts(admin));
  await admin.click(`a:text-is("${input.room}")`);
  await admin.waitForSelector('#participants');
  result.room = {
    metadata: (await admin.textContent('#room-metadata')).trim(),
    participantNames: await admin.$$eval('#participants .participant-name', (cells) => cells.map((c) => c.textContent.trim())),
    text: await admin.textContent('main'),
  };
  await screenshot(admin, input, 'room-detail');
  result.stray.push(...await strayScripts(admin));

  // Webhooks: a test event is queued and shows in the log.
  await admin.goto(`${base}/webhooks`);
  await Promise.all([admin.waitForURL(/notice=test/), admin.click('button:has-text("Send a test event")')]);
  result.webhookNotice = (await admin.textContent('.notice')).trim();
  result.deliveries = await admin.$$eval('#deliveries tbody tr', (rows) => rows.map((row) => row.cells[0].textContent.trim()));
  await screenshot(admin, input, 'webhooks');
  await Promise.all([admin.waitForURL(/\/webhooks\/deliveries\//), admin.click('#deliveries a:text-is("webhook.test")')]);
  result.delivery = {
    heading: (await admin.textContent('h1')).trim(),
    attempts: await admin.locator('#attempts tbody tr').count(),
  };
  await screenshot(admin, input, 'webhook-delivery');

  // Another tenant's pages do not exist for this user.
  result.other = {};
  for (const page of ['usage', 'rooms', `rooms/${input.otherRoom}`, 'webhooks', 'keys']) {
    const answer = await admin.goto(`${input.baseUrl}/console/tenants/${input.otherTenantId}/${page}`);
    result.other[page] = { status: answer.status(), leaks: (await admin.content()).includes(input.otherRoom) };
  }
  result.xss = await admin.evaluate(() => window.__xss === undefined ? null : window.__xss);

  // The platform admin: tenants, the worker pool, draining a worker.
  const platform = await signIn(browser, input.baseUrl, input.platformAdmin.user, input.platformAdmin.password);
  result.platformHome = new URL(platform.url()).pathname;
  await screenshot(platform, input, 'admin-tenants');
  await platform.goto(`${input.baseUrl}/console/admin/workers`);
  const worker = `tr[data-worker-id="${input.workerId}"]`;
  result.workerBefore = (await platform.textContent(`${worker} .state`)).trim();
  platform.once('dialog', (dialog) => dialog.accept());
  await Promise.all([platform.waitForURL(/notice=/), platform.click(`${worker} button:has-text("Drain")`)]);
  result.workerAfter = (await platform.textContent(`${worker} .state`)).trim();
  result.workerRow = (await platform.textContent(worker)).replace(/\s+/g, ' ').trim();
  await screenshot(platform, input, 'admin-workers');
} finally {
  await browser.close();
}
report(result);
