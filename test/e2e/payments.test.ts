/**
 * Recibo payments end to end (issue 9 item 7): Chromium on the screen of `./cajero start`'s stack, with
 * every device a simulator at the wire: the ZVT terminal and the printer emulator over TCP (run here, so
 * the test picks the terminal's answer by amount and takes the printer's paper out), the serial scanner
 * on its pseudo-terminal (run by the stack), and the reference central over mutual TLS on a scratch
 * PostgreSQL database (run here, so it can go down and come back). Each test starts a fresh session on
 * the screen and checks what the citizen sees against the wire truth: the printed ticket, the terminal's
 * journal and central's database and verification API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageCode } from '../../core/api/contract.ts';
import { catalogues } from '../../renderer/src/i18n/messages.ts';
import { type CentralProgram, prepareCentral } from '../support/central-program.ts';
import { launchChromium } from '../support/chromium.ts';
import {
  type PrinterProgram,
  type ScannerProgram,
  startPrinterProgram,
  startScannerProgram,
  startTerminalProgram,
  type TerminalProgram,
} from '../support/device-programs.ts';
import {
  buildScreen,
  e2ePages,
  keepPaper,
  type Stack,
  screenshot,
  startStack,
  writeStackConfig,
} from '../support/e2e-stack.ts';
import { demoRecibo, demoReciboFields } from '../support/recibo-devices.ts';

/** Amounts whose outcome the terminal is told at start (`--amount cents=scenario`). */
const DECLINED_CENTS = 1313;
/** Approved after a pause long enough to take the paper out while the card is being charged. */
const SLOW_CENTS = 2222;

const KIOSK_ID = 'DEMO-001';
const format = (cents: number, language: LanguageCode) =>
  new Intl.NumberFormat(language === 'en' ? 'en-IE' : `${language}-ES`, {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);

let dir: string;
let configFile: string;
let central: CentralProgram;
let printer: PrinterProgram;
let terminal: TerminalProgram;
let scanner: ScannerProgram;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  await buildScreen();
  dir = mkdtempSync(path.join(tmpdir(), 'cajero-e2e-pay-'));
  central = await prepareCentral({
    dir: path.join(dir, 'central'),
    kioskId: KIOSK_ID,
    ineCode: '47186',
    town: 'Villademo',
  });
  await central.start();
  printer = await startPrinterProgram(path.join(dir, 'printer'));
  terminal = await startTerminalProgram(path.join(dir, 'terminal-journal.json'), [
    `${DECLINED_CENTS}=declined:05`,
    `${SLOW_CENTS}=approved@3000`,
  ]);
  scanner = await startScannerProgram(path.join(dir, 'scanner'));
  configFile = await writeStackConfig({
    dir: path.join(dir, 'kiosk'),
    printerPort: printer.port,
    terminalPort: terminal.port,
    scannerPath: scanner.path,
    central,
    screen: { goodbyeSeconds: 3 },
  });
  [stack, browser] = await Promise.all([startStack(configFile), launchChromium()]);
  // Central reached once: the paid-recibo list is fresh, so payments may go on when it is down later.
  const first = await stack.syncNow();
  expect(first.round.ok).toBe(true);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await terminal?.stop();
  await scanner?.stop();
  await printer?.stop();
  await central?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const pages = e2ePages(() => ({ browser, stack }));
/** A new page on the first screen, with nobody's session on it. */
const freshPage = () => pages.fresh();

/** Language first, then the service "pay a recibo". */
async function startReciboPayment(page: Page, language: LanguageCode): Promise<void> {
  const m = catalogues[language];
  await page.getByRole('button', { name: m.languageName, exact: true }).click();
  await page.locator('main[data-step="service"]').waitFor();
  await page.getByRole('button', { name: new RegExp(m.session.service.recibo.name) }).click();
  await page.locator('.recibo-entry').waitFor();
  expect(await page.locator('#recibo-title').textContent()).toBe(m.recibo.entryTitle);
}

/** The recibo's fields typed as printed on paper: the importe on the on-screen keypad. */
async function typeRecibo(page: Page, referencia: string, cents: number, language: LanguageCode) {
  const fields = demoReciboFields(referencia, cents);
  await page.locator('input[name="emisora"]').click();
  await page.keyboard.type(fields.emisora);
  await page.keyboard.press('Tab');
  await page.keyboard.type(fields.referencia);
  await page.keyboard.press('Tab');
  await page.keyboard.type(fields.identificacion);
  await page.locator('input[name="importe"]').focus();
  for (const key of fields.importe) await page.locator(`.recibo-key[data-key="${key}"]`).click();
  await page.getByRole('button', { name: catalogues[language].recibo.check, exact: true }).click();
  await page.locator('.recibo-shown').waitFor();
  expect(await page.locator('.recibo-amount').textContent()).toBe(format(cents, language));
}

async function finish(page: Page, language: LanguageCode): Promise<void> {
  await page.getByRole('button', { name: catalogues[language].recibo.finish, exact: true }).click();
  await page.locator('main[data-step="goodbye"]').waitFor();
  await page.locator('main[data-step="idle"]').waitFor({ timeout: 10_000 });
  await page.close();
}

const payments = () => terminal.journal().filter((e) => e.kind === 'payment');
const plain = (csv: string) => csv.replaceAll('-', '');

describe('paying a recibo at the kiosk', { timeout: 90_000 }, () => {
  for (const [language, referencia, cents] of [
    ['es', '0000081001', 4250],
    ['ca', '0000081002', 1999],
  ] as const) {
    it(`pays a typed recibo, prints the justificante and reports it to central (${language})`, async () => {
      const m = catalogues[language];
      const page = await freshPage();
      const before = { payments: payments().length, tickets: printer.tickets().length };
      await screenshot(page, 'recibo', 'language', language);
      await startReciboPayment(page, language);
      await typeRecibo(page, referencia, cents, language);
      await screenshot(page, 'recibo', 'shown', language);
      await page.getByRole('button', { name: m.recibo.pay(format(cents, language)) }).click();
      const result = page.locator('.recibo-result');
      await result.waitFor({ timeout: 30_000 });
      expect(await result.getAttribute('data-outcome')).toBe('approved');
      expect(await page.locator('#recibo-title').textContent()).toBe(m.recibo.approvedTitle);
      expect(await result.textContent()).toContain(m.recibo.printed);
      const csv = (await page.locator('.recibo-csv strong').textContent()) ?? '';
      expect(csv).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      await screenshot(page, 'recibo', 'approved', language);

      // The wire: one booking at the terminal for this amount, one justificante on paper with the CSV.
      const booked = payments().slice(before.payments);
      expect(booked.map((e) => e.amountCents)).toEqual([cents]);
      const ticket = await printer.waitForTicket(before.tickets);
      expect(ticket.complete).toBe(true);
      expect(ticket.text).toContain(csv);
      expect(ticket.text).toContain(demoReciboFields(referencia, cents).referencia);
      keepPaper(ticket.png, 'recibo', language);

      // Central has it once: the verification API finds the justificante by the printed CSV.
      await stack.syncNow();
      const verified = await central.verify(csv);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        found: true,
        kind: 'justificante',
        csv: plain(csv),
        referencia,
        importeCents: cents,
        kioskId: KIOSK_ID,
      });
      await finish(page, language);
    });
  }

  it('a recibo scanned on the first screen opens its payment; the citizen switches to English and pays', async () => {
    const m = catalogues.en;
    const cents = 6010;
    const page = await freshPage();
    const before = { payments: payments().length, tickets: printer.tickets().length };
    await scanner.scan(demoRecibo('0000081007', cents));
    // The scan is the citizen's answer: the session starts in the kiosk's default language.
    await page.locator('.recibo-shown').waitFor({ timeout: 20_000 });
    expect(await page.locator('.recibo-amount').textContent()).toBe(format(cents, 'es'));
    await page.getByRole('button', { name: m.languageName, exact: true }).click();
    await page.getByRole('button', { name: m.recibo.pay(format(cents, 'en')) }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'scanned', 'shown', 'en');
    await page.getByRole('button', { name: m.recibo.pay(format(cents, 'en')) }).click();
    const result = page.locator('.recibo-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await page.locator('#recibo-title').textContent()).toBe(m.recibo.approvedTitle);
    const csv = (await page.locator('.recibo-csv strong').textContent()) ?? '';
    await screenshot(page, 'scanned', 'approved', 'en');
    expect(
      payments()
        .slice(before.payments)
        .map((e) => e.amountCents),
    ).toEqual([cents]);
    expect((await printer.waitForTicket(before.tickets)).text).toContain(csv);
    await finish(page, 'en');
  });

  it('a declined card charges nothing and prints nothing', async () => {
    const m = catalogues.es;
    const page = await freshPage();
    const before = { payments: payments().length, tickets: printer.tickets().length };
    await startReciboPayment(page, 'es');
    await typeRecibo(page, '0000081003', DECLINED_CENTS, 'es');
    await page.getByRole('button', { name: m.recibo.pay(format(DECLINED_CENTS, 'es')) }).click();
    const result = page.locator('.recibo-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-outcome')).toBe('declined');
    expect(await page.locator('#recibo-title').textContent()).toBe(m.recibo.declinedTitle);
    expect(await result.textContent()).toContain(m.recibo.declined);
    expect(await page.locator('.recibo-csv').count()).toBe(0);
    await screenshot(page, 'declined', 'result', 'es');
    expect(payments().length).toBe(before.payments);
    // Give a printer time to show a stray ticket before saying there is none.
    await page.waitForTimeout(500);
    expect(printer.tickets().length).toBe(before.tickets);
    await finish(page, 'es');
  });

  it('paper out after the card is charged: the CSV on screen, no justificante, the payment stands', async () => {
    const m = catalogues.es;
    const page = await freshPage();
    const before = { payments: payments().length, tickets: printer.tickets().length };
    await startReciboPayment(page, 'es');
    await typeRecibo(page, '0000081004', SLOW_CENTS, 'es');
    await page.getByRole('button', { name: m.recibo.pay(format(SLOW_CENTS, 'es')) }).click();
    // The terminal is charging the card (3 s): the paper runs out now.
    await page.locator('.recibo-paying').waitFor();
    await printer.setState('paper-out');
    try {
      const result = page.locator('.recibo-result');
      await result.waitFor({ timeout: 30_000 });
      expect(await result.getAttribute('data-outcome')).toBe('approved');
      const csv = (await page.locator('.recibo-csv strong').textContent()) ?? '';
      expect(csv).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      // The kiosk's configured verification URL is central's public page.
      expect(await result.textContent()).toContain(m.recibo.notPrinted(central.verificationUrl));
      await screenshot(page, 'paper-out', 'result', 'es');
      expect(
        payments()
          .slice(before.payments)
          .map((e) => e.amountCents),
      ).toEqual([SLOW_CENTS]);
      expect(printer.tickets().filter((t) => t.complete).length).toBe(
        printer
          .tickets()
          .slice(0, before.tickets)
          .filter((t) => t.complete).length,
      );
      // Not printed, but paid: central knows the payment by the CSV the screen showed.
      await stack.syncNow();
      expect((await central.verify(csv)).body).toMatchObject({ found: true, importeCents: SLOW_CENTS });
    } finally {
      await printer.setState('online');
    }
    await finish(page, 'es');
  });

  it('central down during a payment, then back: the payment syncs exactly once; a volante says offline', async () => {
    const m = catalogues.es;
    const cents = 3075;
    // One round while central is up: the kiosk keeps central's configuration (the municipality's texts).
    expect((await stack.syncNow()).status.centralConfig?.version).toMatch(/^[0-9a-f]{64}$/);
    await central.stop();
    const page = await freshPage();
    await startReciboPayment(page, 'es');
    await typeRecibo(page, '0000081005', cents, 'es');
    await page.getByRole('button', { name: m.recibo.pay(format(cents, 'es')) }).click();
    const result = page.locator('.recibo-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-outcome')).toBe('approved');
    const csv = (await page.locator('.recibo-csv strong').textContent()) ?? '';
    await screenshot(page, 'central-down', 'approved', 'es');
    await finish(page, 'es');

    const count = async () =>
      (
        await central.query<{ events: number; pagados: number }>(
          `SELECT (SELECT count(*)::int FROM kiosk_events WHERE event_type = 'recibo.pagado' AND payload->>'justificanteCsv' = $1) AS events,
                  (SELECT count(*)::int FROM recibos_pagados WHERE justificante_csv = $1) AS pagados`,
          [plain(csv)],
        )
      )[0]!;
    // Down: the payment waits in the outbox, and central has nothing of it.
    const down = await stack.syncNow();
    expect(down.round.ok).toBe(false);
    expect(down.status.queueLength).toBeGreaterThan(0);
    expect(await count()).toEqual({ events: 0, pagados: 0 });

    // Meanwhile a volante, which needs central, says so at once, before any DNIe or PIN is asked for,
    // and offers what still works: paying a recibo.
    const other = await freshPage();
    await other.getByRole('button', { name: m.languageName, exact: true }).click();
    await other.getByRole('button', { name: new RegExp(m.session.service.volante.name) }).click();
    await other.locator('main[data-step="failed"], main[data-step="volante_kind"]').first().waitFor();
    if ((await other.locator('main').getAttribute('data-step')) === 'volante_kind') {
      await other
        .getByRole('button', { name: new RegExp(`^${m.session.volanteKind.individual.name}`) })
        .click();
    }
    const reason = other.locator('main[data-step="failed"] [role="alert"]');
    await reason.waitFor();
    expect(await reason.textContent()).toBe(m.session.failed.reasons.sin_conexion);
    expect(await other.locator('.pin-pad').count()).toBe(0);
    // Where to get help in person: the municipality's own text, kept from central's configuration.
    expect(await other.locator('.failed-help').textContent()).toContain('Oficina del Padrón, Plaza Mayor 1');
    await other.getByRole('button', { name: m.session.failed.payRecibo, exact: true }).waitFor();
    await screenshot(other, 'central-down', 'volante-offline', 'es');
    await other.getByRole('button', { name: m.session.finish, exact: true }).click();
    await other.locator('main[data-step="idle"]').waitFor({ timeout: 10_000 });
    await other.close();

    await central.start();
    const back = await stack.syncNow();
    expect(back.round.ok).toBe(true);
    expect(back.status.queueLength).toBe(0);
    expect(await count()).toEqual({ events: 1, pagados: 1 });
    // Another round, as the kiosk's timer would run: nothing is sent twice.
    await stack.syncNow();
    expect(await count()).toEqual({ events: 1, pagados: 1 });
    const verified = await central.verify(csv);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ found: true, kind: 'justificante', importeCents: cents });
    expect(verified.body.refundRequired).toBe(false);
  });

  it('the idle timeout warns, then wipes the session: nothing of the recibo stays', async () => {
    const m = catalogues.gl;
    const page = await pages.open();
    // The page's clock is Playwright's: the configured 90 s pass at once, core's session ends for real.
    await page.clock.install();
    await page.goto(stack.url);
    await page.locator('main[data-step="idle"]').waitFor({ timeout: 20_000 });
    await startReciboPayment(page, 'gl');
    const fields = demoReciboFields('0000081006', 5500);
    await page.locator('input[name="emisora"]').click();
    await page.keyboard.type(fields.emisora);
    await page.keyboard.press('Tab');
    await page.keyboard.type(fields.referencia);
    const { idleTimeoutSeconds, timeoutWarningSeconds } = JSON.parse(readFileSync(configFile, 'utf8')).screen;
    await page.clock.runFor((idleTimeoutSeconds - timeoutWarningSeconds) * 1000 + 500);
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.locator('#idle-title').textContent()).toBe(m.idle.title);
    await screenshot(page, 'idle', 'warning', 'gl');
    await page.clock.runFor(timeoutWarningSeconds * 1000 + 500);
    await page.locator('main[data-step="goodbye"], main[data-step="idle"]').first().waitFor();
    await page.clock.runFor(5_000);
    await page.locator('main[data-step="idle"]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'idle', 'wiped', 'es');
    expect(await page.locator('input[name="referencia"]').count()).toBe(0);
    expect(await page.content()).not.toContain(fields.referencia);
    // A reload asks core afresh: the session is idle in core too, not only on this page.
    await page.reload();
    await page.locator('main[data-step="idle"]').waitFor({ timeout: 20_000 });
    expect(await page.content()).not.toContain(fields.referencia);
    await page.close();
  });
});
