// What the browser tests share: a free port, waiting for the server, launching Debian's
// Chromium (never a downloaded one), and axe-core checks that collect violations per page.
//
// Env: PLAYWRIGHT (path to playwright-core), AXE (path to axe.min.js).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const { chromium } = await import(process.env.PLAYWRIGHT ?? 'playwright-core');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/// Starts `samling serve --demo` (SAMLING_BIN) on a free port with a SQLite file in `dir`;
/// resolves to { child, base } once it answers /healthz.
export async function startSamling(dir, rustLog = 'warn') {
  const port = await freePort();
  const child = spawn(process.env.SAMLING_BIN ?? 'target/debug/samling', ['serve', '--demo'], {
    env: {
      ...process.env,
      SAMLING_ADDR: `127.0.0.1:${port}`,
      SAMLING_DATABASE_URL: `sqlite://${join(dir, 'samling.db')}`,
      RUST_LOG: process.env.RUST_LOG ?? rustLog,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child);
  return { child, base };
}

export async function waitForHealth(base, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`samling exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('samling did not answer /healthz');
}

/// Keeps the page's console errors (and uncaught exceptions) in `errors`, named by `name`.
/// Error answers a test provokes on purpose (a 422 for a bad form) are logged by the browser
/// as "Failed to load resource"; those are not errors of the page.
export function watchConsole(page, name, errors) {
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      errors.push(`${name}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => errors.push(`${name}: ${e}`));
}

/// Signs a staff user in on the login page and waits for the overview to hydrate.
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.waitForSelector('body[data-hydrated]');
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${base}/`);
  await page.waitForSelector('body[data-hydrated]');
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

const axePath = process.env.AXE ?? 'node_modules/axe-core/axe.min.js';
const axeSource = readFileSync(axePath, 'utf8');

// Accessibility: axe-core against the WCAG 2.0 and 2.1 level A and AA rules, on the page as it
// stands (after hydration, or after a change that adds to the page). Violations are gathered
// rather than thrown at once, so one run lists every page's problems; the test fails at the end.
export const a11yViolations = [];
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export async function checkA11y(p, name) {
  const hasAxe = () => p.evaluate(() => typeof window.axe !== 'undefined');
  if (!(await hasAxe())) {
    // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does
    // not govern: a <script> tag would be refused (only the response's nonce runs), and the
    // test must not loosen the policy. A hydrated page has JavaScript on.
    const hydrated = await p.evaluate(() => document.body?.hasAttribute('data-hydrated') ?? false);
    if (hydrated) await p.evaluate(axeSource);
    if (!(await hasAxe())) {
      // JavaScript is off: the tag is added but does not run. Playwright's own evaluation still
      // runs, so the source is evaluated instead and the page checked as a visitor without
      // JavaScript sees it. There Chromium closes the page when an evaluation sets a timer, and
      // queueMicrotask never calls back, so for this check timers become promise callbacks
      // (axe uses them only to yield between rules and for time-outs).
      await p.evaluate(() => {
        window.setTimeout = (fn, _ms, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
        window.clearTimeout = () => {};
        window.__axeWithoutTimers = true;
      });
      await p.evaluate(axeSource);
    }
  }
  // Without timers axe's fetch of the stylesheets for its CSS-object-model rule
  // (css-orientation-lock) would time out at once; it is the same stylesheet the pages with
  // JavaScript are checked against, so without JavaScript that rule is left to them.
  const result = await p.evaluate((values) => window.axe.run(document, {
    runOnly: { type: 'tag', values }, resultTypes: ['violations'], preload: !window.__axeWithoutTimers,
  }), wcagTags);
  for (const v of result.violations) {
    a11yViolations.push({
      page: `${name} (${new URL(p.url()).pathname})`,
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary,
    });
  }
}
export function a11yReport() {
  return a11yViolations.map((v) =>
    `- ${v.page}: ${v.rule} (${v.impact}, ${v.nodes} nodes) ${v.help}\n    ${v.targets.join('\n    ')}\n    ${(v.summary ?? '').replace(/\n/g, '\n    ')}`).join('\n');
}
