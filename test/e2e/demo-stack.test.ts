/**
 * `./cajero start` as a person runs it (issue 9 item 7): the stack starts every companion of the demo
 * configuration itself (printer emulator, ZVT terminal, serial scanner, and the embedded central on
 * PGlite with its padrón seeded and this kiosk enrolled), only on a scratch data folder and free ports.
 * The virtual DNIe is left out: its page has a fixed port and the vpcd reader is one per machine (the
 * volante tests run it). Chromium pays a recibo in Galician, and the test reads what the README tells
 * a person to look at: the printer's folder, the terminal's journal and central's verification API.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/src/i18n/messages.ts';
import { launchChromium } from '../support/chromium.ts';
import {
  buildScreen,
  recordFailure,
  type Stack,
  screenshot,
  startStack,
  writeStackConfig,
} from '../support/e2e-stack.ts';
import { demoReciboFields } from '../support/recibo-devices.ts';

let dir: string;
let stack: Stack;
let browser: Browser;
let page: Page;
let verificationUrl: string;

beforeAll(async () => {
  await buildScreen();
  dir = mkdtempSync(path.join(tmpdir(), 'cajero-e2e-demo-'));
  const configFile = await writeStackConfig({ dir, screen: { goodbyeSeconds: 3 } });
  verificationUrl = JSON.parse(readFileSync(configFile, 'utf8')).municipality.verificationUrl;
  [stack, browser] = await Promise.all([startStack(configFile), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

afterEach((context) => recordFailure(context, page, stack));

const printed = () =>
  existsSync(path.join(stack.dataDir, 'printer'))
    ? readdirSync(path.join(stack.dataDir, 'printer')).filter((f) => /^receipt-\d+\.txt$/.test(f))
    : [];

describe('the demo stack of ./cajero start', { timeout: 120_000 }, () => {
  it('shows the first screen with every simulated device ready', async () => {
    await page.goto(stack.url);
    await page.locator('main[data-step="idle"]').waitFor({ timeout: 20_000 });
    for (const code of ['es', 'ca', 'gl', 'eu', 'en'] as const) {
      await page.getByRole('button', { name: catalogues[code].languageName, exact: true }).waitFor();
    }
    // Device states arrive as the simulators answer their first status requests.
    for (const device of ['printer', 'paymentTerminal', 'scanner']) {
      await page.locator(`.device[data-device="${device}"] .device-state[data-code="ready"]`).waitFor();
    }
    // The kiosk does not wait for central: the embedded one (its padrón seeded on a first start) shows
    // up a while later, and the kiosk syncs with it at once.
    await page
      .locator('.device[data-device="central"] .device-state[data-code="ready"]')
      .waitFor({ timeout: 100_000 });
    await screenshot(page, 'demo', 'first-screen', 'es');
  });

  it('pays a recibo in Galician: the journal, the printer folder and central agree', async () => {
    const m = catalogues.gl;
    const cents = 4250;
    const ticketsBefore = printed().length;
    await page.getByRole('button', { name: m.languageName, exact: true }).click();
    await page.getByRole('button', { name: new RegExp(m.session.service.recibo.name) }).click();
    const fields = demoReciboFields('0000082001', cents);
    await page.locator('input[name="emisora"]').fill(fields.emisora);
    await page.locator('input[name="referencia"]').fill(fields.referencia);
    await page.locator('input[name="identificacion"]').fill(fields.identificacion);
    await page.locator('input[name="importe"]').fill(fields.importe);
    await page.getByRole('button', { name: m.recibo.check, exact: true }).click();
    await page.locator('.recibo-shown').waitFor();
    await screenshot(page, 'demo', 'shown', 'gl');
    await page.locator('.recibo-pay').click();
    await page.locator('.recibo-result[data-outcome="approved"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#recibo-title').textContent()).toBe(m.recibo.approvedTitle);
    const csv = (await page.locator('.recibo-csv strong').textContent()) ?? '';
    await screenshot(page, 'demo', 'approved', 'gl');

    const journal = JSON.parse(readFileSync(path.join(stack.dataDir, 'terminal-journal.json'), 'utf8')) as {
      entries: Array<{ kind: string; amountCents: number }>;
    };
    expect(journal.entries.filter((e) => e.kind === 'payment').map((e) => e.amountCents)).toEqual([cents]);
    expect(printed().length).toBe(ticketsBefore + 1);
    const ticket = readFileSync(path.join(stack.dataDir, 'printer', printed().at(-1)!), 'utf8');
    expect(ticket).toContain(csv);

    await stack.syncNow();
    const response = await fetch(new URL(`/v1/verify/${csv}`, verificationUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ found: true, kind: 'justificante', importeCents: cents });

    await page.getByRole('button', { name: m.recibo.finish, exact: true }).click();
    await page.locator('main[data-step="idle"]').waitFor({ timeout: 10_000 });
    expect(await page.content()).not.toContain(csv);
  });
});
