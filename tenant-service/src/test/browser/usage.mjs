// Console scenario: a tenant admin signs in and reads the usage page (totals, charts, CSV) for a
// range; the JUnit side compares it with GET /v1/usage after a real call.
import { launchChromium, readInput, readUsage, report, screenshot, signIn, strayScripts } from './console-lib.mjs';

const input = await readInput();
const browser = await launchChromium();
const result = {};
try {
  const admin = await signIn(browser, input.baseUrl, input.admin.user, input.admin.password);
  const base = `${input.baseUrl}/console/tenants/${input.tenantId}`;
  result.usage = await readUsage(admin, `${base}/usage?from=${input.from}&to=${input.to}&granularity=${input.granularity}`);
  await screenshot(admin, input, input.screenshotName || 'usage');
  result.stray = await strayScripts(admin);
} finally {
  await browser.close();
}
report(result);
