// Browser test for data protection, in headless Chromium against the real samling binary
// with the demo: the coordinator downloads a participant's export from their page, then —
// with JavaScript switched off, as before the wasm loads — erases another participant with
// the plain form, and opens /retention and the privacy section on a phone (360 px). axe-core
// checks every page.
//
// Env: SAMLING_BIN, SAMLING_SITE_ROOT, PLAYWRIGHT, AXE (as for course.test.mjs).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import {
  checkA11y, a11yViolations, a11yReport, launchBrowser, watchConsole, signIn, startSamling,
} from './support.mjs';

const dir = mkdtempSync(join(tmpdir(), 'samling-privacy-'));
const { child, base } = await startSamling(dir);
const browser = await launchBrowser();
const consoleErrors = [];
const pages = [];
const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

let failed = false;
try {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const d = await desk.newPage();
  pages.push(['desk', d]);
  watchConsole(d, 'desk', consoleErrors);
  await signIn(d, base, 'koordinator@samling.test', 'demo-koordinator');
  await d.goto(`${base}/participants`);
  await d.waitForSelector('body[data-hydrated]');
  const links = d.locator('main a[href^="/participants/"]:not([href$="/new"])');
  const first = await links.nth(0).getAttribute('href');
  const second = await links.nth(1).getAttribute('href');
  await d.goto(`${base}${first}`);
  await d.waitForSelector('body[data-hydrated]');
  await d.locator('#privacy').waitFor();
  await checkA11y(d, 'participant page with the privacy section');
  const [download] = await Promise.all([
    d.waitForEvent('download'),
    d.getByRole('link', { name: /Last ned alt vi har om deltakeren/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^samling-deltaker-\d+-\d{4}-\d\d-\d\d\.json$/);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.ok(doc.participant.first_name, 'the export names the participant');
  assert.ok(doc.access_log.some((e) => e.action === 'export'), 'the export is in the access log');

  // Erasure with the plain form: no JavaScript, no wasm.
  const plain = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const n = await plain.newPage();
  pages.push(['plain', n]);
  await plain.addCookies((await desk.cookies()).filter((c) => c.name !== ''));
  await n.goto(`${base}${second}`);
  const name = (await n.locator('h1').textContent()).trim();
  await n.locator('#privacy summary').click();
  await n.getByLabel(/Begrunnelse/).fill('Deltakerens ønske 5. desember');
  // Without the box ticked the browser's own check stops the post; tick it.
  await n.getByLabel(/ikke kan angres/).check();
  await n.getByRole('button', { name: 'Slett for godt' }).click();
  await n.waitForURL(`${base}/participants?erased=1`);
  assert.ok(await n.getByText('Deltakeren er slettet.').isVisible());
  await n.goto(`${base}${second}`);
  assert.ok(!(await n.content()).includes(name), `${name} is gone from their old page`);
  await plain.close();

  // The retention list on a phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p = await phone.newPage();
  pages.push(['phone', p]);
  watchConsole(p, 'phone', consoleErrors);
  await phone.addCookies(await desk.cookies());
  await p.goto(`${base}/retention`);
  await p.waitForSelector('body[data-hydrated]');
  await p.getByRole('heading', { name: 'Lagringstid' }).waitFor();
  await p.getByText(/36 måneder etter siste aktivitet/).waitFor();
  assert.ok(await overflow(p) <= 0, `/retention fits 360 px (overflow ${await overflow(p)}px)`);
  await checkA11y(p, 'retention at 360 px');
  // The privacy section, opened, on the same phone.
  await p.goto(`${base}${first}`);
  await p.waitForSelector('body[data-hydrated]');
  await p.locator('#privacy summary').click();
  await p.getByLabel(/Begrunnelse/).waitFor();
  assert.ok(await overflow(p) <= 0, `the participant page fits 360 px (overflow ${await overflow(p)}px)`);
  await checkA11y(p, 'participant page with the erasure form at 360 px');
  await phone.close();
  await desk.close();

  assert.deepEqual(consoleErrors, [], 'no errors in the browser console');
  assert.equal(a11yViolations.length, 0, `accessibility violations (axe-core, WCAG 2.1 A/AA):\n${a11yReport()}`);
  console.log('privacy browser test: ok');
} catch (e) {
  failed = true;
  console.error('privacy browser test failed:', e);
  if (a11yViolations.length) console.error(`accessibility violations so far:\n${a11yReport()}`);
  console.error('browser console errors:', consoleErrors);
  for (const [name, pg] of pages) {
    if (pg.isClosed()) continue;
    console.error(`${name} was at ${pg.url()}`);
    await pg.screenshot({ path: join(dir, `failed-${name}.png`), fullPage: true }).catch(() => {});
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  if (!failed) rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir} for inspection`);
}
process.exit(failed ? 1 : 0);
