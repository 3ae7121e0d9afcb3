// Browser test in headless Chromium (Debian's, driven by playwright-core): starts the real
// samling binary with demo data, signs in at a phone-sized viewport, opens the demo course,
// checks its 8 sessions and cancels one through a hydrated form; then signs in and searches
// with JavaScript off, to show the plain forms work before the wasm loads. Every page it
// visits is checked with axe-core against WCAG 2.1 A and AA; the test fails on any violation.
//
// Env: SAMLING_BIN (the binary), SAMLING_SITE_ROOT (built site), PLAYWRIGHT (path to
// playwright-core), AXE (path to axe-core's axe.min.js).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import {
  checkA11y, a11yViolations, a11yReport, freePort, waitForHealth, launchBrowser, watchConsole,
} from './support.mjs';

const bin = process.env.SAMLING_BIN ?? 'target/debug/samling';

const dir = mkdtempSync(join(tmpdir(), 'samling-browser-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(bin, ['serve', '--demo'], {
  env: {
    ...process.env,
    SAMLING_ADDR: `127.0.0.1:${port}`,
    SAMLING_DATABASE_URL: `sqlite://${join(dir, 'samling.db')}`,
    // The texts the `log` SMS provider writes (at debug) carry the participant's sign-in link.
    RUST_LOG: process.env.RUST_LOG ?? 'warn,samling::sms::log=debug',
  },
  stdio: ['ignore', 'inherit', 'pipe'],
});
// The server's log is passed through and kept: some faults only show there.
let serverLog = '';
child.stderr.on('data', (chunk) => {
  serverLog += chunk;
  process.stderr.write(chunk);
});

const browser = await launchBrowser();

// Every page's console errors, printed when the test fails; each page is screenshot then too.
const consoleErrors = [];
const pages = [];
function watch(p, name) {
  pages.push([name, p]);
  watchConsole(p, name, consoleErrors);
}

let failed = false;
try {
  await waitForHealth(base, child);

  // --- With JavaScript: a leader on a phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO' });
  const page = await phone.newPage();
  watch(page, 'phone');

  await page.goto(`${base}/login`);
  await page.waitForSelector('body[data-hydrated]');
  await checkA11y(page, 'login');
  await page.getByLabel('E-post').fill('kursleder@samling.test');
  await page.getByLabel('Passord').fill('demo-kursleder');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${base}/`);
  await page.waitForSelector('body[data-hydrated]');
  await checkA11y(page, 'overview');
  await page.getByRole('link', { name: 'Klart jeg kan – demokurs' }).first().click();
  await page.waitForURL(/\/courses\/\d+$/);
  await page.waitForSelector('li.session');
  await page.waitForSelector('body[data-hydrated]');
  await checkA11y(page, 'course');

  // A calendar link for the course: its address is shown once, and the feed answers.
  await page.getByRole('button', { name: 'Lag kalenderlenke' }).click();
  await page.getByText('Kopier adressen nå').waitFor();
  const courseFeed = await fetch(new URL(await page.inputValue('#calendar-url'), base));
  assert.equal(courseFeed.headers.get('content-type')?.split(';')[0], 'text/calendar');
  assert.match(await courseFeed.text(), /BEGIN:VEVENT/);
  await page.getByRole('button', { name: /^Trekk tilbake/ }).first().waitFor();
  await checkA11y(page, 'course with a calendar link');

  const sessions = page.locator('li.session');
  assert.equal(await sessions.count(), 9, '8 sessions and a follow-up');
  const titles = await page.locator('li.session .session-title').allTextContents();
  assert.equal(titles[0], 'Bevisstgjøring – hvem er jeg?');
  assert.equal(titles[7], 'Veien videre – mine mål og hvordan jeg når dem');
  assert.match(titles[8], /Oppfølgingssamling/);
  const numbers = await page.locator('li.session .num').allTextContents();
  assert.deepEqual(numbers, ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  const enrolled = await page.locator('li.enrolment.enrolled').count();
  assert.equal(enrolled, 12, '12 participants are enrolled');

  // The page fits a 360 px phone: nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);

  // A hydrated form: cancelling a session updates the page in place, without a reload.
  await page.evaluate(() => { window.__noReload = true; });
  const third = sessions.nth(2);
  await third.getByRole('button', { name: 'Avlys' }).click();
  await third.locator('.badge', { hasText: 'Avlyst' }).waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');
  await page.reload();
  await page.locator('li.session').nth(2).locator('.badge', { hasText: 'Avlyst' }).waitFor();
  await page.waitForSelector('body[data-hydrated]');
  await checkA11y(page, 'course with a cancelled session');
  await page.screenshot({ path: join(dir, 'course-360.png'), fullPage: false });

  // Buddy pairs: six pairs of the twelve, shown again on the roll call.
  await page.getByRole('button', { name: 'Lag nye makkerpar' }).click();
  await page.locator('ul.pairs li').nth(5).waitFor();
  assert.equal(await page.locator('ul.pairs li').count(), 6);
  // By hand: one participant joins another pair (a trio), their old buddy waits for a pair.
  const firstPair = (await page.locator('ul.pairs li').nth(0).textContent()).split(' + ');
  const secondPair = (await page.locator('ul.pairs li').nth(1).textContent()).split(' + ');
  await page.getByText('Endre makkerpar for hånd').click();
  await page.locator('#adj-a').selectOption({ label: firstPair[0] });
  await page.locator('#adj-how').selectOption('join');
  await page.locator('#adj-b').selectOption({ label: secondPair[0] });
  await page.locator('form:has(#adj-a)').getByRole('button', { name: 'Lagre' }).click();
  await page.getByText('Uten makker: 1').waitFor();
  assert.equal(await page.locator('ul.pairs li').count(), 5);
  // The pairs, and the hand-editing form still open.
  await checkA11y(page, 'course with buddy pairs');

  // Roll call on the phone: three taps, then "the rest are present", then reload.
  await page.locator('li.session').first().getByRole('link', { name: 'Oppmøte' }).click();
  await page.waitForURL(/\/sessions\/\d+$/);
  await page.waitForSelector('li.roll-row');
  await page.waitForSelector('body[data-hydrated]');
  await page.evaluate(() => { window.__noReload = true; });
  const rows = page.locator('li.roll-row');
  assert.equal(await rows.count(), 12);
  assert.equal(await page.locator('li.roll-row .buddy').count(), 11, 'everyone paired sees their buddy');
  const taps = [[0, 'Til stede'], [1, 'Borte'], [2, 'For sent']];
  for (const [i, label] of taps) {
    const button = rows.nth(i).getByRole('button', { name: label, exact: true });
    await button.click();
    await rows.nth(i).locator('button[aria-pressed="true"]', { hasText: label }).waitFor();
  }
  assert.equal(await page.evaluate(() => window.__noReload), true, 'taps are saved without reloading');
  await page.getByText('3 / 12 registrert').waitFor();
  await checkA11y(page, 'roll call, marks set');
  await page.getByRole('button', { name: 'Resten er til stede' }).click();
  await page.getByText('12 / 12 registrert').waitFor();
  await page.reload();
  await page.waitForSelector('body[data-hydrated]');
  const pressed = await page.locator('li.roll-row').evaluateAll((items) =>
    items.map((li) => li.querySelector('button[aria-pressed="true"]')?.textContent ?? ''));
  assert.deepEqual(pressed.slice(0, 3), ['Til stede', 'Borte', 'For sent']);
  assert.ok(pressed.slice(3).every((p) => p === 'Til stede'), `the rest are present: ${pressed}`);
  const rollOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(rollOverflow <= 0, `the roll call fits 360 px (overflow ${rollOverflow}px)`);
  await checkA11y(page, 'roll call');
  await page.screenshot({ path: join(dir, 'roll-call-360.png'), fullPage: false });

  // The course grid shows the marks just made.
  await page.getByRole('link', { name: 'Klart jeg kan – demokurs' }).click();
  await page.getByRole('link', { name: 'Oppmøteoversikt' }).click();
  await page.waitForURL(/\/courses\/\d+\/attendance$/);
  await page.locator('table.grid tbody tr').nth(11).waitFor();
  assert.equal(await page.locator('table.grid tbody tr').count(), 12);
  assert.equal(await page.locator('table.grid tbody td.cell.mark-absent').count(), 1);
  assert.equal(await page.locator('table.grid tbody td.cell.mark-late').count(), 1);
  await page.waitForSelector('body[data-hydrated]');
  await checkA11y(page, 'attendance grid');

  // The leader's own "my sessions" calendar link, made on their tokens page.
  await page.goto(`${base}/me/tokens`);
  await page.waitForSelector('body[data-hydrated]');
  await page.getByRole('button', { name: 'Lag kalenderlenke' }).click();
  await page.getByText('Kopier adressen nå').waitFor();
  await checkA11y(page, 'my tokens with a calendar link');

  // The absence waits on the overview until the leader records what was done.
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-hydrated]');
  const absence = page.locator('.followups ul.absences li').first();
  await absence.waitFor();
  await absence.getByText('Registrer oppfølging').click();
  await absence.getByLabel('Hva ble gjort?').waitFor();
  await checkA11y(page, 'overview with a follow-up form');
  await absence.getByLabel('Hva ble gjort?').fill('Ringte, kommer neste gang.');
  await absence.getByRole('button', { name: 'Lagre' }).click();
  await page.getByText('Ingen fravær å følge opp.').waitFor();
  await checkA11y(page, 'overview, nothing to follow up');
  // Participant pages hydrate too, also for a pupil with a guardian but no guardian e-mail.
  await page.goto(`${base}/participants`);
  await page.waitForSelector('body[data-hydrated]');
  await checkA11y(page, 'participants');
  await page.getByRole('link', { name: 'Sara Ali' }).click();
  await page.waitForURL(/\/participants\/\d+$/);
  await page.reload();
  await page.waitForSelector('body[data-hydrated]');
  await checkA11y(page, 'participant');
  assert.deepEqual(consoleErrors, [], 'no errors in the browser console');
  await phone.close();

  // --- The coordinator at a desk: a programme, a course with its preview, a participant.
  const desk = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const d = await desk.newPage();
  watch(d, 'desk');
  await d.goto(`${base}/login`);
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'desk login');
  await d.fill('#email', 'koordinator@samling.test');
  await d.fill('#password', 'demo-koordinator');
  await d.click('button[type=submit].primary');
  await d.waitForURL(`${base}/`);

  await d.goto(`${base}/programmes`);
  await d.waitForSelector('body[data-hydrated]');
  await d.getByText('Nytt program').click();
  await d.locator('#pf-name').waitFor();
  await checkA11y(d, 'programmes with the new-programme form');
  await d.fill('#pf-name', 'Eksamenskurs');
  await d.fill('#pf-spw', '3');
  await d.fill('#pf-weeks', '2');
  await d.fill('input[name="plan[0][title]"]', 'Planlegging');
  await d.fill('input[name="plan[1][title]"]', 'Øving');
  await d.fill('input[name="plan[1][theme]"]', 'Eksamensangst');
  await d.getByRole('button', { name: 'Lagre' }).click();
  await d.waitForURL(/\/programmes\/\d+$/);
  await d.locator('h1', { hasText: 'Eksamenskurs' }).waitFor();
  assert.deepEqual(await d.locator('ol.plan li strong').allTextContents(), ['Planlegging', 'Øving']);
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'programme');

  await d.goto(`${base}/courses/new`);
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'new course');
  await d.selectOption('#cf-programme', { label: 'Klart jeg kan' });
  await d.fill('#cf-title', 'Klart jeg kan – påsken 2027');
  await d.fill('#cf-location', 'Ungdomstjenesten, møterom 1');
  await d.fill('#cf-start', '2027-03-16');
  await d.check('#wd-tue');
  await d.check('#wd-thu');
  await d.fill('#cf-st', '12:00');
  await d.fill('#cf-et', '14:00');
  await d.getByRole('button', { name: 'Forhåndsvis timeplan' }).click();
  await d.locator('table.schedule tbody tr').nth(8).waitFor();
  assert.equal(await d.locator('table.schedule tbody tr').count(), 9);
  await d.getByText('25.03.2027 (Skjærtorsdag)').waitFor();
  await checkA11y(d, 'new course with a preview');
  await d.getByRole('button', { name: 'Lagre kurset' }).click();
  await d.waitForURL(/\/courses\/\d+$/);
  await d.locator('h1', { hasText: 'påsken 2027' }).waitFor();
  assert.equal(await d.locator('li.session').count(), 9);
  // This course gets reminders of its own: one text 24 hours before, nothing else.
  const rules = d.locator('section.reminder-rules');
  await rules.getByText('Standard (ingen egne regler):').waitFor();
  assert.equal(await rules.locator('ul.rules li').count(), 3);
  await rules.getByText('Endre påminnelsene').click();
  await rules.locator('select[name="rules[0][channel]"]').waitFor();
  await checkA11y(d, 'new course with the reminder editor');
  await rules.locator('select[name="rules[0][channel]"]').selectOption('sms');
  await rules.locator('input[name="rules[0][hours]"]').fill('24');
  for (const i of [1, 2]) await rules.locator(`select[name="rules[${i}][channel]"]`).selectOption('');
  await rules.getByRole('button', { name: 'Lagre' }).click();
  await rules.getByText('Egne påminnelser for dette kurset:').waitFor();
  assert.deepEqual(await rules.locator('ul.rules li').allTextContents(), ['SMS · 24 timer før']);
  await checkA11y(d, 'course with its own reminders');

  await d.goto(`${base}/participants/new`);
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'new participant');
  await d.fill('#pf-first', 'Ali');
  await d.fill('#pf-last', 'Farah');
  await d.fill('#pf-phone', '1234');
  await d.getByRole('button', { name: 'Opprett' }).click();
  await d.locator('.error', { hasText: 'Mobilnummer»: et norsk mobilnummer har 8 sifre' }).waitFor();
  assert.equal(await d.inputValue('#pf-first'), 'Ali', 'nothing typed is lost on an error');
  await checkA11y(d, 'new participant with an error');
  await d.fill('#pf-phone', '987 65 432');
  await d.selectOption('#pf-lang', 'so');
  await d.getByRole('button', { name: 'Opprett' }).click();
  await d.waitForURL(/\/participants\/\d+$/);
  await d.getByText('+4798765432').waitFor();
  await d.getByText('Endre opplysningene').click();
  await d.locator('#pf-email').waitFor();
  await checkA11y(d, 'participant with the edit form');
  await d.fill('#pf-email', 'ali@example.no');
  await d.selectOption('#pf-cat', '2');
  await d.getByRole('button', { name: 'Lagre', exact: true }).click();
  await d.locator('dd', { hasText: 'ali@example.no' }).waitFor();
  await d.selectOption('#enrol-course', { label: 'Klart jeg kan – påsken 2027' });
  await d.getByRole('button', { name: 'Meld på' }).click();
  await d.locator('li.enrolment.enrolled', { hasText: 'påsken 2027' }).waitFor();

  // Logbook (with the participant's permission), a goal with a measure, and the access log.
  await d.getByText('Skriv i loggboka', { exact: true }).click();
  await d.fill('#lb-text', 'Ali vil prøve seg som lærling i bilfag.');
  await checkA11y(d, 'participant with the logbook form');
  await d.getByLabel('Deltakeren har gitt tillatelse til at jeg skriver dette').check();
  await d.locator('form:has(#lb-text)').getByRole('button', { name: 'Lagre' }).click();
  await d.locator('ul.logbook li', { hasText: 'lærling i bilfag' }).waitFor();
  // A second entry tied to the first session; then the first one is corrected (kept as a version).
  await d.getByText('Skriv i loggboka', { exact: true }).click();
  await d.locator('#lb-session').selectOption({ index: 1 });
  await d.fill('#lb-text', 'Snakket om refleksjonsoppgaven.');
  await d.getByLabel('Deltakeren har gitt tillatelse til at jeg skriver dette').check();
  await d.locator('form:has(#lb-text)').getByRole('button', { name: 'Lagre' }).click();
  await d.locator('ul.logbook li', { hasText: 'Snakket om' }).getByText('Bevisstgjøring').waitFor();
  const bilfag = d.locator('ul.logbook li', { hasText: 'lærling i bilfag' });
  await bilfag.getByText('Endre').click();
  await bilfag.locator('textarea').waitFor();
  await checkA11y(d, 'participant editing a logbook entry');
  await bilfag.locator('textarea').fill('Ali vil prøve seg som lærling i bilfag eller kjøretøy.');
  await bilfag.getByRole('button', { name: 'Lagre' }).click();
  await d.locator('ul.logbook li', { hasText: 'eller kjøretøy' }).getByText('1 tidligere versjoner').waitFor();

  // Ali's own page: the leader sends the sign-in link; the `log` provider writes the text.
  await d.getByRole('button', { name: 'Send innloggingslenke' }).click();
  await d.getByText('Lenken sendes på SMS nå.').waitFor();
  await checkA11y(d, 'participant, sign-in link sent');
  let token;
  for (let i = 0; i < 100 && !token; i++) {
    token = serverLog.match(/\/p\/([0-9a-f]{32})/)?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(token, 'the worker sent the sign-in link');
  const own = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO' });
  const o = await own.newPage();
  watch(o, 'participant');
  // Participants' pages are plain HTML: no script or wasm is ever fetched for them.
  const scripts = [];
  o.on('request', (r) => { if (/\.(js|wasm)(\?|$)/.test(r.url())) scripts.push(r.url()); });
  await o.goto(`${base}/p/${token}`);
  // Ali's language is Somali: the link's page greets him in it before he signs in.
  await o.getByRole('heading', { name: 'Salaan Ali' }).waitFor();
  assert.equal(await o.getAttribute('html', 'lang'), 'so');
  await checkA11y(o, 'sign-in link in Somali');
  // He switches to bokmål on the page (a plain form: no script on participants' pages).
  await o.locator('#lang').selectOption('nb');
  await o.getByRole('button', { name: 'OK' }).click();
  await o.getByRole('heading', { name: 'Hei Ali' }).waitFor();
  await checkA11y(o, 'sign-in link');
  await o.getByRole('button', { name: 'Åpne siden min' }).click();
  await o.waitForURL(`${base}/me`);
  await o.getByRole('heading', { name: 'Mine samlinger' }).waitFor();
  await checkA11y(o, 'own page');
  assert.equal(await o.locator('ul.my-sessions li').count(), 9, 'the whole schedule, with the follow-up');
  assert.equal(await o.locator('nav').count(), 0, 'no staff menu');
  await o.locator('#lb-session').selectOption({ index: 2 });
  await o.fill('#lb-text', 'Jeg likte gruppeoppgaven.');
  await o.getByRole('button', { name: 'Lagre' }).click();
  const mine = o.locator('ul.logbook li', { hasText: 'gruppeoppgaven' });
  await mine.waitFor();
  assert.ok((await mine.textContent()).includes('Ali · '), 'the participant is the author');
  await mine.getByText('Endre').click();
  await mine.locator('textarea').fill('Jeg likte gruppeoppgaven veldig godt.');
  await mine.getByRole('button', { name: 'Lagre' }).click();
  await o.locator('ul.logbook li', { hasText: 'veldig godt' }).waitFor();
  await checkA11y(o, 'own page with an entry');
  // What staff wrote can be read here, not changed.
  assert.equal(await o.locator('ul.logbook li', { hasText: 'eller kjøretøy' }).getByText('Endre').count(), 0);
  const ownOverflow = await o.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(ownOverflow <= 0, `the participant's page fits 360 px (overflow ${ownOverflow}px)`);
  await o.screenshot({ path: join(dir, 'own-page-360.png'), fullPage: false });

  // "I can't" for the next session, with a reason: the same as NEI by text.
  const next = o.locator('ul.my-sessions li.session:not(.cancelled)').first();
  await next.getByLabel('Hvorfor kan du ikke? (valgfritt)').fill('Jobbintervju');
  await next.getByRole('button', { name: 'Jeg kan ikke' }).click();
  await o.waitForURL(/\/me#session-\d+$/);
  await o.locator('ul.my-sessions li.session:not(.cancelled)').first()
    .getByText('Du har sagt at du ikke kan komme.').waitFor();
  await checkA11y(o, 'own page after answering');

  // His own calendar link: made with a plain form, shown once.
  await o.getByRole('button', { name: 'Lag kalenderlenke' }).click();
  await o.getByText('Kopier adressen nå').waitFor();
  const ownFeed = await fetch(new URL(await o.inputValue('#calendar-url'), base));
  assert.match(await ownFeed.text(), /BEGIN:VCALENDAR/);
  await checkA11y(o, 'own page with a new calendar link');

  // The page in Arabic, chosen on the page: right to left, and still accessible at 360 px.
  await o.locator('#lang').selectOption('ar');
  await o.getByRole('button', { name: 'OK' }).click();
  await o.waitForSelector('html[lang="ar"][dir="rtl"]');
  await o.getByRole('heading', { name: 'لقاءاتي' }).waitFor();
  await checkA11y(o, 'own page in Arabic');
  await o.screenshot({ path: process.env.SAMLING_SCREENSHOT_AR ?? join(dir, 'own-page-ar-360.png'), fullPage: true });
  const arOverflow = await o.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const wide = await o.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 || e.getBoundingClientRect().left < -1)
    .slice(0, 5).map((e) => `${e.tagName}.${e.className}`));
  assert.ok(arOverflow <= 0, `the Arabic page fits 360 px (overflow ${arOverflow}px: ${wide.join(', ')})`);
  assert.deepEqual(scripts, [], 'no script or wasm on participants\' pages');

  // A first visit to /me (empty cache) transfers at most 60 KB in all: HTML, CSS, fonts.
  const cold = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await cold.addCookies(await own.cookies());
  const c = await cold.newPage();
  const sizes = [];
  c.on('requestfinished', (r) => sizes.push(r.sizes().then((s) => [r.url(), s.responseHeadersSize + s.responseBodySize])));
  await c.goto(`${base}/me`, { waitUntil: 'networkidle' });
  const transferred = await Promise.all(sizes);
  const total = transferred.reduce((sum, [, n]) => sum + n, 0);
  console.log(`first visit to /me: ${transferred.length} requests, ${total} bytes`);
  for (const [url, n] of transferred) console.log(`  ${n} bytes  ${url.replace(base, '')}`);
  assert.ok(total <= 60 * 1024, `a first visit to /me transfers ${total} bytes (at most 60 KB)`);
  await cold.close();
  await own.close();
  await d.reload();
  await d.waitForSelector('body[data-hydrated]');
  await d.locator('ul.logbook li', { hasText: 'veldig godt' }).waitFor();
  // Staff see Ali's calendar link on his page, and can take it back.
  await d.getByRole('button', { name: /^Trekk tilbake/ }).first().waitFor();
  await d.getByText('Legg til mål').click();
  await d.fill('#goal-title', 'Få læreplass');
  await d.fill('input[name="goal[measures][0][text]"]', 'Skrive søknad');
  await d.locator('form:has(#goal-title)').getByRole('button', { name: 'Lagre' }).click();
  await d.locator('ul.goals li', { hasText: 'Få læreplass' }).getByText('Skrive søknad').waitFor();
  await checkA11y(d, 'participant with a goal');
  const goal = d.locator('ul.goals > li', { hasText: 'Få læreplass' });
  await goal.locator('form.status-form select').first().selectOption('in_progress');
  await Promise.all([
    d.waitForResponse((r) => r.url().includes('/api/goals/status')),
    goal.locator('form.status-form').first().getByRole('button', { name: 'Lagre' }).click(),
  ]);
  await d.reload();
  await d.waitForSelector('body[data-hydrated]');
  assert.equal(await d.locator('ul.goals > li', { hasText: 'Få læreplass' }).locator('form.status-form select').first().inputValue(), 'in_progress');
  await d.getByText('Tilgangslogg').click();
  assert.ok(await d.locator('details:has-text("Tilgangslogg") li').count() > 3, 'reads and changes are logged');
  await checkA11y(d, 'participant with the access log');

  // The message ledger: the worker inside `serve` has planned the demo course's reminders.
  await d.goto(`${base}/messages`);
  await d.waitForSelector('body[data-hydrated]');
  await d.locator('ul.ledger li').first().waitFor();
  await checkA11y(d, 'messages');
  await d.selectOption('#msg-state', 'planned');
  await d.getByRole('button', { name: 'Vis' }).click();
  await d.waitForURL(/state=planned/);
  await d.locator('ul.ledger li .badge', { hasText: 'Planlagt' }).first().waitFor();
  assert.equal(await d.locator('ul.ledger li .badge:not(:has-text("Planlagt"))').count(), 0, 'only planned ones');
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'messages, planned');
  await d.goto(`${base}/`);
  await d.getByRole('heading', { name: 'Svar fra deltakere' }).waitFor();
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'coordinator overview');

  // The template editor: a text with an unknown field is refused; the preview counts segments.
  await d.goto(`${base}/messages/templates?kind=welcome&language=nb`);
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'templates');
  await d.fill('#tpl-body', 'Hei {fornavn}! Velkommen til {course}.');
  await d.locator('#tpl-count', { hasText: 'GSM-7' }).waitFor();
  await d.getByRole('button', { name: 'Lagre', exact: true }).click();
  await d.locator('.error', { hasText: 'ukjent variabel {fornavn}' }).waitFor();
  await checkA11y(d, 'templates with an error');
  await d.fill('#tpl-body', 'Hei {first_name}! Velkommen til {course}.');
  await d.getByRole('button', { name: 'Forhåndsvis', exact: true }).click();
  await d.locator('#tpl-segments', { hasText: 'GSM-7 · SMS-deler: 1' }).waitFor();
  assert.ok((await d.locator('.preview .entry-text').textContent()).includes('Velkommen til Klart jeg kan.'));
  await checkA11y(d, 'templates with a preview');
  assert.deepEqual(consoleErrors, [], 'no errors in the browser console');
  await desk.close();

  // --- Without JavaScript: plain forms still work.
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const p2 = await plain.newPage();
  await p2.goto(`${base}/login?next=/participants`);
  await p2.fill('#email', 'kursleder@samling.test');
  await p2.fill('#password', 'feil passord');
  await p2.click('button[type=submit].primary');
  await p2.locator('.error', { hasText: 'e-post eller passord' }).waitFor();
  await checkA11y(p2, 'no-JS login with an error');
  await p2.fill('#email', 'kursleder@samling.test');
  await p2.fill('#password', 'demo-kursleder');
  await p2.click('button[type=submit].primary');
  await p2.waitForURL(`${base}/participants`);
  await p2.fill('#q', 'Hassan');
  await p2.click('form.search button');
  await p2.waitForURL(/q=Hassan/);
  const found = await p2.locator('ul.people li a').allTextContents();
  assert.deepEqual(found, ['Amina Hassan']);
  await checkA11y(p2, 'no-JS participant search');

  // Plan a course without JavaScript: the preview is a GET of the page, saving a plain POST.
  await p2.goto(`${base}/courses/new`);
  await p2.selectOption('#cf-programme', { label: 'Ny retning' });
  await p2.fill('#cf-title', 'Ny retning – uten JavaScript');
  await p2.fill('#cf-location', 'Biblioteket');
  await p2.fill('#cf-start', '2027-05-03');
  await p2.check('#wd-mon');
  await p2.check('#wd-wed');
  await p2.fill('#cf-st', '10:00');
  await p2.fill('#cf-et', '09:00');
  await p2.click('text=Forhåndsvis timeplan');
  await p2.locator('.error', { hasText: 'sluttiden må være etter starttiden' }).waitFor();
  await checkA11y(p2, 'no-JS new course with an error');
  assert.equal(await p2.inputValue('#cf-title'), 'Ny retning – uten JavaScript', 'the form keeps what was typed');
  await p2.fill('#cf-et', '13:00');
  await p2.click('text=Forhåndsvis timeplan');
  await p2.locator('table.schedule tbody tr').first().waitFor();
  assert.equal(await p2.locator('table.schedule tbody tr').count(), 8);
  await p2.getByText('17.05.2027 (Grunnlovsdag)').waitFor();
  await checkA11y(p2, 'no-JS new course with a preview');
  await p2.click('text=Lagre kurset');
  await p2.waitForURL(/\/courses\/\d+$/);
  await p2.locator('h1', { hasText: 'uten JavaScript' }).waitFor();
  assert.equal(await p2.locator('li.session').count(), 8);
  // Cancelling a session is a plain form post too.
  await p2.locator('li.session').first().getByRole('button', { name: 'Avlys' }).click();
  await p2.locator('li.session').first().locator('.badge', { hasText: 'Avlyst' }).waitFor();
  await checkA11y(p2, 'no-JS course with a cancelled session');
  // A roll-call tap is a plain form post as well.
  await p2.goto(`${base}/courses`);
  await checkA11y(p2, 'no-JS courses');
  await p2.getByRole('link', { name: 'Klart jeg kan – demokurs' }).first().click();
  await p2.waitForURL(/\/courses\/\d+$/);
  await p2.locator('li.session').nth(1).getByRole('link', { name: 'Oppmøte' }).click();
  await p2.waitForURL(/\/sessions\/\d+$/);
  await p2.locator('li.roll-row').first().getByRole('button', { name: 'Borte', exact: true }).click();
  await p2.locator('li.roll-row').first().locator('.badge', { hasText: 'Borte' }).waitFor();
  await p2.getByText('1 / 12 registrert').waitFor();
  await checkA11y(p2, 'no-JS roll call');
  await plain.close();
  // A server function that ran outside the app's context (a resource created inside a view
  // that waits for another resource) logs this and breaks hydration now and then.
  assert.ok(!serverLog.includes('database pool missing'), 'every server function had its context');
  assert.equal(a11yViolations.length, 0, `accessibility violations (axe-core, WCAG 2.1 A/AA):\n${a11yReport()}`);
  console.log('browser test: ok');
} catch (e) {
  failed = true;
  console.error('browser test failed:', e);
  if (a11yViolations.length && !String(e?.message).startsWith('accessibility violations')) {
    console.error(`accessibility violations so far:\n${a11yReport()}`);
  }
  console.error('browser console errors:', consoleErrors);
  for (const [name, p] of pages) {
    if (p.isClosed()) continue;
    console.error(`${name} was at ${p.url()}`);
    await p.screenshot({ path: join(dir, `failed-${name}.png`), fullPage: true }).catch(() => {});
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  if (!failed) rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir} for inspection`);
}
process.exit(failed ? 1 : 0);
