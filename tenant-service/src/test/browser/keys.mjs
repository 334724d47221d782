// Console scenario: a tenant admin creates a key (secret shown once), uses it, revokes it after
// confirming; the tenant's viewer sees no way to change keys and is refused when it tries; another
// tenant's pages are not found; the team page lists both users; signing out ends at the signed-out page.
import { launchChromium, readInput, report, screenshot, signIn } from './console-lib.mjs';

const input = await readInput();
const browser = await launchChromium();
const result = {};
try {
  const keysUrl = `${input.baseUrl}/console/tenants/${input.tenantId}/keys`;
  const admin = await signIn(browser, input.baseUrl, input.admin.user, input.admin.password);
  result.home = new URL(admin.url()).pathname;
  await admin.goto(keysUrl);
  await screenshot(admin, input, 'keys');

  await admin.fill('#key-name', 'browser key');
  await admin.check('input[name=scope][value="rooms:read"]');
  await admin.check('input[name=scope][value="usage:read"]');
  await Promise.all([admin.waitForLoadState('load'), admin.click('button:has-text("Create key")')]);
  await admin.waitForSelector('#new-key-secret');
  result.created = {
    id: (await admin.textContent('#new-key-id')).trim(),
    secret: (await admin.textContent('#new-key-secret')).trim(),
  };
  result.warning = (await admin.textContent('.secret-once .warning')).trim();
  result.copyButton = await admin.isVisible('button[data-copy="new-key-secret"]');
  await screenshot(admin, input, 'key-created');

  const basic = 'Basic ' + Buffer.from(`${result.created.id}:${result.created.secret}`).toString('base64');
  result.statusBeforeRevoke = (await fetch(`${input.baseUrl}/v1/tenants/${input.tenantId}`, { headers: { Authorization: basic } })).status;

  // Dismissing the confirmation changes nothing; accepting it revokes.
  const row = `tr[data-key-id="${result.created.id}"]`;
  admin.once('dialog', (dialog) => { result.confirmText = dialog.message(); dialog.dismiss(); });
  await admin.click(`${row} button:has-text("Revoke")`);
  await admin.waitForTimeout(300);
  result.statusAfterDismiss = (await admin.textContent(`${row} .state`)).trim();
  admin.once('dialog', (dialog) => dialog.accept());
  await Promise.all([admin.waitForURL(/revoked=/), admin.click(`${row} button:has-text("Revoke")`)]);
  result.notice = (await admin.textContent('.notice')).trim();
  result.statusAfterRevoke = (await admin.textContent(`${row} .state`)).trim();
  result.pageHoldsSecret = (await admin.content()).includes(result.created.secret);
  await screenshot(admin, input, 'key-revoked');
  result.apiAfterRevoke = (await fetch(`${input.baseUrl}/v1/tenants/${input.tenantId}`, { headers: { Authorization: basic } })).status;

  const other = await admin.goto(`${input.baseUrl}/console/tenants/${input.otherTenantId}/keys`);
  result.otherTenantStatus = other.status();
  result.otherTenantPage = await admin.textContent('main');
  await screenshot(admin, input, 'other-tenant-not-found');

  const viewer = await signIn(browser, input.baseUrl, input.viewer.user, input.viewer.password);
  await viewer.goto(keysUrl);
  result.viewerSeesCreateForm = await viewer.isVisible('#key-name');
  result.viewerSeesRevoke = await viewer.isVisible('button:has-text("Revoke")');
  result.viewerListsKeys = await viewer.locator('#keys tbody tr').count();
  await screenshot(viewer, input, 'keys-viewer');
  // A viewer posting the create form by hand (with its own valid CSRF token) is refused by the server.
  result.viewerPostStatus = await viewer.evaluate(async (url) => {
    const token = document.querySelector('input[name="csrf-token"]').value;
    const body = new URLSearchParams({ 'csrf-token': token, name: 'viewer key', scope: 'keys:manage' });
    return (await fetch(url, { method: 'POST', body })).status;
  }, keysUrl);

  // The team page: both of the tenant's console users, the admin marked as the one signed in.
  await admin.goto(`${input.baseUrl}/console/tenants/${input.tenantId}/team`);
  result.team = await admin.$$eval('#team tbody tr', (rows) => rows.map((row) => row.dataset.username));
  result.teamYou = (await admin.textContent('#team tr:has(.badge)')).trim();
  await screenshot(admin, input, 'team');

  await Promise.all([admin.waitForURL(/signed-out/), admin.click('button:has-text("Sign out")')]);
  result.signedOut = (await admin.textContent('h1')).trim();
  await screenshot(admin, input, 'signed-out');
  await admin.goto(keysUrl);
  result.afterSignOutLogin = await admin.isVisible('#kc-form-login');
} finally {
  await browser.close();
}
report(result);
