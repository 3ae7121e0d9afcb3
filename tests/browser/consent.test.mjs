// Browser test of the counsellor's day with a pupil under 18, in headless Chromium (Debian's,
// driven by playwright-core) against the real samling binary with demo data: the counsellor
// signs in on a 360 px phone, registers a pupil (numbers in the 47x range), enrols her and
// asks her guardian for consent; the guardian opens the link from the text on a 360 px phone
// without JavaScript and confirms with the plain form; the counsellor then sees "given".
// Every page it visits is checked with axe-core (WCAG 2.1 A and AA).
//
// Env: SAMLING_BIN, SAMLING_SITE_ROOT, PLAYWRIGHT (path to playwright-core), AXE (axe.min.js).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import {
  freePort, waitForHealth, launchBrowser, checkA11y, a11yViolations, a11yReport, watchConsole, signIn,
} from './support.mjs';

const bin = process.env.SAMLING_BIN ?? 'target/debug/samling';
const dir = mkdtempSync(join(tmpdir(), 'samling-consent-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(bin, ['serve', '--demo'], {
  env: {
    ...process.env,
    SAMLING_ADDR: `127.0.0.1:${port}`,
    SAMLING_DATABASE_URL: `sqlite://${join(dir, 'samling.db')}`,
    // The guardian's text must go now, whatever the hour the test runs at.
    SAMLING_QUIET_HOURS: 'off',
    // The `log` SMS provider writes each text (with its link) at debug, the `log` mailer each
    // e-mail (the staff invitation's link too).
    RUST_LOG: 'warn,samling::sms::log=debug,samling::mail=debug',
  },
  stdio: ['ignore', 'inherit', 'pipe'],
});
let serverLog = '';
child.stderr.on('data', (chunk) => {
  serverLog += chunk;
});

const browser = await launchBrowser();
const consoleErrors = [];
const watch = (p, name) => watchConsole(p, name, consoleErrors);

let failed = false;
try {
  await waitForHealth(base, child);

  // --- The counsellor, on a phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO' });
  const c = await phone.newPage();
  watch(c, 'counsellor');
  await signIn(c, base, 'radgiver@samling.test', 'demo-radgiver');
  await checkA11y(c, 'counsellor: overview');

  // The pupils of her school, each with where their consent stands.
  await c.goto(`${base}/participants`);
  await c.waitForSelector('body[data-hydrated]');
  await c.locator('li', { hasText: 'Leah Olsen' }).getByText('Samtykke gitt').waitFor();
  await c.locator('li', { hasText: 'Ibrahim Abdi' }).getByText('Mangler samtykke').waitFor();
  await checkA11y(c, 'counsellor: participants');

  // A new pupil: 14, her number and her mother's in the 47x ranges, typed without +47.
  await c.goto(`${base}/participants/new`);
  await c.waitForSelector('body[data-hydrated]');
  await c.fill('#pf-first', 'Mina');
  await c.fill('#pf-last', 'Strand');
  await c.fill('#pf-birth', '2012-03-03');
  await c.fill('#pf-phone', '474 11 222');
  await c.fill('#pf-gname', 'Kari Strand');
  await c.fill('#pf-gphone', '47422333');
  await checkA11y(c, 'counsellor: new participant');
  await c.getByRole('button', { name: 'Opprett' }).click();
  await c.waitForURL(/\/participants\/\d+$/);
  const pupilUrl = c.url();
  await c.getByText('+4747411222').waitFor();
  await c.waitForSelector('body[data-hydrated]');
  await c.locator('#consent-status', { hasText: 'Mangler samtykke' }).waitFor();
  await c.selectOption('#enrol-course', { label: 'Under 18 – Klart jeg kan, Haugen' });
  await c.getByRole('button', { name: 'Meld på' }).click();
  await c.locator('li.enrolment.enrolled', { hasText: 'Under 18' }).waitFor();
  await checkA11y(c, 'counsellor: pupil');

  // Ask the guardian; the worker sends the text at once.
  const logBefore = serverLog.length;
  await c.getByRole('button', { name: 'Be foresatte om samtykke' }).click();
  await c.locator('#consent-status', { hasText: 'Forespurt' }).waitFor();
  let link;
  for (let i = 0; i < 100 && !link; i++) {
    link = serverLog.slice(logBefore).match(/(http:\/\/[^\s]+\/consent\/[0-9a-f]{32})/)?.[1];
    if (!link) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(link, 'the worker sent the guardian the consent link');

  // --- The guardian, on a phone, before (or without) the wasm: a plain form.
  const guardianPhone = await browser.newContext({
    javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'nb-NO',
  });
  const g = await guardianPhone.newPage();
  watch(g, 'guardian');
  await g.goto(link);
  await g.getByRole('heading', { name: 'Samtykke til påminnelser' }).waitFor();
  await g.getByText('Mina er meldt på Klart jeg kan').waitFor();
  const overflow = await g.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the consent page fits 360 px (overflow ${overflow}px)`);
  await g.screenshot({ path: join(dir, 'consent-360.png'), fullPage: true });
  await checkA11y(g, 'guardian: consent page (no JavaScript)');
  // The page in Arabic, chosen on the page: right to left, accessible, and fits 360 px.
  const switchTo = async (language) => {
    await g.locator('#lang').selectOption(language);
    await g.locator('form:has(#lang) button[type="submit"]').click();
    await g.waitForSelector(`html[lang="${language}"]`);
  };
  await switchTo('ar');
  assert.equal(await g.getAttribute('html', 'dir'), 'rtl');
  await checkA11y(g, 'guardian: consent page in Arabic');
  const arOverflow = await g.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(arOverflow <= 0, `the Arabic consent page fits 360 px (overflow ${arOverflow}px)`);
  await switchTo('nb');
  // Nothing is ticked for the guardian: consent is their act.
  assert.equal(await g.getByLabel('SMS til Mina').isChecked(), false, 'no channel is pre-ticked');
  await g.getByLabel('SMS til Mina').check();
  await g.getByLabel('Ditt fulle navn').fill('Kari Strand');
  await g.getByLabel('Din relasjon til Mina').selectOption('mother');
  await g.getByRole('button', { name: 'Jeg gir samtykke' }).click();
  await g.getByText('Takk! Samtykket er registrert.').waitFor();
  await checkA11y(g, 'guardian: thanks');
  assert.match(g.url(), /answered=given$/);
  // The link works once.
  await g.goto(link);
  await g.getByText('Denne lenken er brukt eller har gått ut').waitFor();
  await guardianPhone.close();

  // --- The counsellor sees it at once.
  await c.goto(pupilUrl);
  await c.waitForSelector('body[data-hydrated]');
  await c.locator('#consent-status', { hasText: 'Samtykke gitt' }).waitFor();
  await c.locator('li.consent-record', { hasText: 'Kari Strand' }).getByText('Digitalt (lenke)').waitFor();
  await checkA11y(c, 'counsellor: pupil with consent');
  // A paper form for Ibrahim, recorded by hand (the date it was signed, SMS only).
  await c.goto(`${base}/participants`);
  await c.getByRole('link', { name: 'Ibrahim Abdi' }).click();
  await c.waitForURL(/\/participants\/\d+$/);
  await c.waitForSelector('body[data-hydrated]');
  await c.getByText('Registrer samtykke (papir, møte eller telefon)').click();
  const record = c.locator('#consent');
  await record.getByLabel('Foresattes navn').fill('Hawa Abdi');
  await record.getByLabel('Relasjon til deltakeren').selectOption('mother');
  await record.getByLabel('Hvordan').selectOption('paper');
  await record.getByLabel('SMS').check();
  await checkA11y(c, 'counsellor: recording a consent');
  await record.getByRole('button', { name: 'Lagre' }).click();
  await c.locator('#consent-status', { hasText: 'Samtykke gitt' }).waitFor();
  await c.locator('li.consent-record', { hasText: 'Hawa Abdi' }).getByText('På papir').waitFor();
  await c.goto(`${base}/messages?participant_id=${pupilUrl.split('/').pop()}`);
  await c.waitForSelector('body[data-hydrated]');
  await checkA11y(c, 'counsellor: messages');
  await phone.close();

  // --- The coordinator's consent text editor.
  // On a phone too: every page this test adds is checked at 360 px.
  const coordinator = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO' });
  const d = await coordinator.newPage();
  watch(d, 'coordinator');
  await signIn(d, base, 'koordinator@samling.test', 'demo-koordinator');
  await d.goto(`${base}/messages/consent-text`);
  await d.waitForSelector('body[data-hydrated]');
  await d.getByText('Samtykketekst versjon 1').waitFor();
  await checkA11y(d, 'coordinator: consent text');
  const editorOverflow = await d.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(editorOverflow <= 0, `the consent text editor fits 360 px (overflow ${editorOverflow}px)`);
  await d.getByLabel('Norsk bokmål').fill('Jeg samtykker til påminnelser på SMS og e-post (versjon 2).');
  await d.getByRole('button', { name: 'Lagre' }).click();
  await d.getByText('Samtykketekst versjon 2').waitFor();

  // --- The coordinator's closed periods: one added on the page shows in the list.
  await d.goto(`${base}/closed-periods`);
  await d.waitForSelector('body[data-hydrated]');
  await d.getByText('Ingen stengte perioder ennå.').waitFor();
  await d.getByLabel('Navn (f.eks. Vinterferie)').fill('Vinterferie');
  await d.getByLabel('Første dag').fill('2027-02-22');
  await d.getByLabel('Siste dag').fill('2027-02-26');
  await d.getByRole('button', { name: 'Opprett' }).click();
  await d.getByText('2027-02-22 – 2027-02-26 · alle skoler').waitFor();
  await checkA11y(d, 'coordinator: closed periods');
  const periodsOverflow = await d.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(periodsOverflow <= 0, `the closed periods page fits 360 px (overflow ${periodsOverflow}px)`);

  // --- The coordinator adds a counsellor; the invitation link is opened, the password chosen,
  // and the new counsellor signs in and sees only the pupils of her school.
  await d.getByRole('link', { name: 'Administrasjon' }).click();
  await d.waitForURL(`${base}/staff`);
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'coordinator: staff');
  const staffOverflow = await d.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(staffOverflow <= 0, `the staff page fits 360 px (overflow ${staffOverflow}px)`);
  const mailsBefore = serverLog.length;
  await d.getByLabel('Fullt navn').fill('Siri Solberg');
  await d.getByLabel('E-post').fill('siri@haugen.test');
  await d.getByLabel('Rolle').selectOption({ label: 'Rådgiver' });
  await d.getByLabel('Skole (må velges for rådgivere)').selectOption({ label: 'Haugen ungdomsskole' });
  await d.getByRole('button', { name: 'Send invitasjon' }).click();
  await d.getByText('Invitasjonen er sendt.').waitFor();
  await d.locator('li.card', { hasText: 'Siri Solberg' }).getByText('Invitert, har ikke valgt passord').waitFor();
  await checkA11y(d, 'coordinator: staff after an invitation');
  let invitation;
  for (let i = 0; i < 100 && !invitation; i++) {
    invitation = serverLog.slice(mailsBefore).match(/(http:\/\/[^\s"]+\/set-password\/[0-9a-f]{64})/)?.[1];
    if (!invitation) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(invitation, 'the worker sent the invitation e-mail with its link');
  await d.locator('li.card', { hasText: 'Siri Solberg' }).getByRole('link').click();
  await d.waitForURL(/\/staff\/\d+$/);
  await d.waitForSelector('body[data-hydrated]');
  await checkA11y(d, 'coordinator: one staff account');
  // The other admin pages: schools, the audit log (the invitation is in it), own tokens.
  for (const [path, text, name] of [
    ['/schools', 'Haugen ungdomsskole', 'schools'],
    ['/audit', 'Siri Solberg', 'audit log'],
    ['/me/tokens', 'Mine API-nøkler', 'own API tokens'],
  ]) {
    await d.goto(`${base}${path}`);
    await d.waitForSelector('body[data-hydrated]');
    await d.getByText(text).first().waitFor();
    await checkA11y(d, `coordinator: ${name}`);
    const overflow = await d.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the ${name} page fits 360 px (overflow ${overflow}px)`);
  }
  await coordinator.close();

  const newcomer = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO' });
  const n = await newcomer.newPage();
  watch(n, 'new counsellor');
  await n.goto(invitation);
  await n.waitForSelector('body[data-hydrated]');
  await n.getByText('Hei Siri Solberg!').waitFor();
  await checkA11y(n, 'new counsellor: choose a password');
  await n.getByLabel('Nytt passord').fill('haugen-er-best-2027');
  await n.getByLabel('Gjenta passordet').fill('haugen-er-best-2027');
  await n.getByRole('button', { name: 'Lagre passordet' }).click();
  await n.waitForURL(`${base}/login?password_set=1`);
  await n.getByText('Passordet er lagret.').waitFor();
  await checkA11y(n, 'new counsellor: signed out, password saved');
  await signIn(n, base, 'siri@haugen.test', 'haugen-er-best-2027');
  await n.goto(`${base}/participants`);
  await n.waitForSelector('body[data-hydrated]');
  await n.locator('li', { hasText: 'Leah Olsen' }).waitFor();
  assert.equal(await n.getByText('Jonas Berg').count(), 0, 'a counsellor sees only the pupils of her school');
  // The link worked once.
  await n.goto(invitation);
  await n.getByText('Lenken er brukt eller utløpt').waitFor();
  await newcomer.close();

  assert.equal(a11yViolations.length, 0, `accessibility violations (axe-core, WCAG 2.1 A/AA):\n${a11yReport()}`);
  assert.deepEqual(consoleErrors, [], 'no errors in the browser console');
  console.log('consent browser test passed');
} catch (e) {
  failed = true;
  console.error(e);
  console.error(`screenshots and the database are in ${dir}`);
  console.error(serverLog.split('\n').filter((l) => !l.includes('SMS text')).slice(-40).join('\n'));
} finally {
  await browser.close();
  child.kill();
  if (!failed) rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
