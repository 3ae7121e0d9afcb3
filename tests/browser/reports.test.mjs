// Browser test for the steering group's reports, in headless Chromium (Debian's, driven by
// playwright-core) against the real samling binary with the demo's two years of history:
// the coordinator at a desk (1280 px) opens /reports, sees two charts drawn on the server
// and their tables, narrows to one programme, downloads the CSV and the workbook, opens a
// finished course's report and records an outcome on a participant's page; a leader opens
// the same pages on a phone (360 px), where nothing may stick out sideways. axe-core checks
// every page against WCAG 2.1 A and AA.
//
// Env: SAMLING_BIN, SAMLING_SITE_ROOT, PLAYWRIGHT, AXE (as for course.test.mjs).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import {
  checkA11y, a11yViolations, a11yReport, launchBrowser, watchConsole, signIn, startSamling,
} from './support.mjs';

const dir = mkdtempSync(join(tmpdir(), 'samling-reports-'));
const { child, base } = await startSamling(dir);
const browser = await launchBrowser();
const consoleErrors = [];
const pages = [];
function watch(p, name) {
  pages.push([name, p]);
  watchConsole(p, name, consoleErrors);
}
/// How far the page sticks out to the right of the window (0 when it fits).
const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

let failed = false;
try {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const d = await desk.newPage();
  watch(d, 'desk');
  await signIn(d, base, 'koordinator@samling.test', 'demo-koordinator');
  await d.getByRole('link', { name: 'Rapporter' }).click();
  await d.waitForURL(`${base}/reports`);
  // Reached by a link, the page loads its report in the browser: wait for it.
  await d.locator('figure.chart svg').nth(1).waitFor();
  assert.equal(await d.locator('figure.chart svg[role="img"]').count(), 2, 'two charts, drawn on the server');
  const rows = d.locator('table.grid').first().locator('tbody tr');
  assert.equal(await rows.count(), 12, 'the last twelve months');
  const accumulated = await d.locator('table.grid').nth(1).locator('tbody tr').last().locator('td').last().textContent();
  assert.ok(Number(accumulated) > 0, `the history's outcomes accumulate: ${accumulated}`);
  await checkA11y(d, 'reports at 1280 px');

  // Narrow to one programme with the plain GET form.
  await d.selectOption('#programme_id', { label: 'Ny retning' });
  await d.getByRole('button', { name: 'Vis rapporten' }).click();
  await d.waitForURL(/programme_id=\d+/);
  await d.locator('figure.chart svg').first().waitFor();
  await checkA11y(d, 'reports for one programme');

  // The downloads: CSV for Norwegian Excel, and a real workbook (a zip).
  const [csv] = await Promise.all([
    d.waitForEvent('download'),
    d.getByRole('button', { name: 'Last ned CSV (Excel)' }).click(),
  ]);
  const csvBytes = readFileSync(await csv.path());
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  assert.ok(csvBytes.toString('utf8').split('\n')[0].includes(';Nye deltakere;'), 'semicolons');
  await d.getByLabel(/For deling/).check();
  const [xlsx] = await Promise.all([
    d.waitForEvent('download'),
    d.getByRole('button', { name: 'Last ned Excel-arbeidsbok' }).click(),
  ]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK', 'a zip container');

  // A finished course's report, and an outcome recorded from a participant's page.
  await d.goto(`${base}/courses?closed=1`);
  await d.waitForSelector('body[data-hydrated]');
  await d.getByRole('link', { name: /Klart jeg kan – \d\d\.\d{4}/ }).first().click();
  await d.getByRole('link', { name: 'Kursrapport og nedlasting' }).click();
  await d.waitForURL(/\/courses\/\d+\/report$/);
  await d.locator('#completed').waitFor();
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'course report at 1280 px');
  const courseReport = d.url();
  await d.locator('table.grid').nth(1).locator('tbody a').first().click();
  await d.waitForURL(/\/participants\/\d+$/);
  await d.waitForSelector('body[data-hydrated]');
  await d.locator('#outcomes').getByText('Registrer resultat').first().click();
  await d.selectOption('#outcome-status', 'work');
  await checkA11y(d, 'participant with the outcome form');
  await d.locator('#outcomes').getByRole('button', { name: 'Registrer resultat' }).click();
  await d.locator('#latest-outcome', { hasText: 'Arbeid' }).waitFor();
  await desk.close();

  // A leader on a phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p = await phone.newPage();
  watch(p, 'phone');
  await signIn(p, base, 'kursleder@samling.test', 'demo-kursleder');
  await p.goto(`${base}/reports`);
  await p.waitForSelector('body[data-hydrated]');
  assert.equal(await p.locator('figure.chart svg').count(), 2);
  assert.ok(await overflow(p) <= 0, `the reports fit 360 px (overflow ${await overflow(p)}px)`);
  await checkA11y(p, 'reports at 360 px');
  await p.screenshot({ path: join(dir, 'reports-360.png'), fullPage: true });
  await p.goto(courseReport);
  await p.waitForSelector('body[data-hydrated]');
  await p.locator('#completed').waitFor();
  assert.ok(await overflow(p) <= 0, `the course report fits 360 px (overflow ${await overflow(p)}px)`);
  await checkA11y(p, 'course report at 360 px');
  await phone.close();

  assert.deepEqual(consoleErrors, [], 'no errors in the browser console');
  assert.equal(a11yViolations.length, 0, `accessibility violations (axe-core, WCAG 2.1 A/AA):\n${a11yReport()}`);
  console.log('reports browser test: ok');
} catch (e) {
  failed = true;
  console.error('reports browser test failed:', e);
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
