// What the browser tests share: a free port, waiting for the server, launching Debian's
// Chromium (never a downloaded one), and axe-core checks that collect violations per page.
//
// Env: PLAYWRIGHT (path to playwright-core), AXE (path to axe.min.js).

import { createServer } from 'node:net';

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

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

const violations = [];

/// Runs axe-core (WCAG 2.0/2.1, levels A and AA) on the page as it is now and keeps what it
/// finds, named by `name`; the test fails at its end when anything was found.
export async function checkA11y(page, name) {
  const axe = process.env.AXE;
  if (!axe) throw new Error('AXE (the path to axe.min.js) is not set');
  await page.addScriptTag({ path: axe });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
  for (const v of result.violations) {
    violations.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
      .slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }
}

export function a11yViolations() {
  return violations;
}
