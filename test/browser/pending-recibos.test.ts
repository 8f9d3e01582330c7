/**
 * "Mis recibos pendientes" as the citizen meets it (issue 9 item 3), in Chromium against the real core
 * and screen: DNIe and PIN (scripted), central's list (scripted), then one or several recibos ticked and
 * paid one after another on the real ZVT simulator over TCP, the terminal's messages on screen, paid ones
 * marked with their CSV; a declined card stops the round. Screenshots in .test-results/screens/ (es, gl).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralRecibo } from '../../core/citizen-access/index.ts';
import { buildReciboBarcode, parseReciboBarcode } from '../../core/recibos/index.ts';
import { catalogues } from '../../renderer/src/i18n/messages.ts';
import { launchChromium, SCREENSHOTS_DIR } from '../support/chromium.ts';
import { demoRecibo } from '../support/recibo-devices.ts';
import { accessibilityProblems } from './screen-checks.ts';
import { GOOD_PIN, type SessionKiosk, startSessionKiosk } from './session-kiosk.ts';

let browser: Browser;
let kiosk: SessionKiosk;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS_DIR, `pending-${name}.png`) });

function centralRecibo(
  referencia: string,
  cents: number,
  concepto: string | null,
  paid = false,
  barcode = demoRecibo(referencia, cents),
): CentralRecibo {
  const r = parseReciboBarcode(barcode);
  return {
    emisora: r.emisora,
    referencia: `${r.referencia}${r.referenciaControl}`,
    identificacion: r.identificacion,
    importeCents: cents,
    fechaLimite: null,
    modalidad: 1,
    tributo: r.tributo,
    ejercicio: r.ejercicio,
    barcode,
    concepto,
    paid,
  };
}

async function identify(language: string): Promise<void> {
  await page.getByRole('button', { name: language }).click();
  await page.locator('.choice-recibos_pendientes').click();
  await page.locator('.screen-identification').waitFor();
  kiosk.setCard(true);
  await page.locator('.pin-keys-digits').waitFor();
  await page.keyboard.type(GOOD_PIN);
  await page.keyboard.press('Enter');
  await page.locator('.screen-pending').waitFor();
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-renderer-if-stale.ts'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the screen did not build:\n${build.stdout}${build.stderr}`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  browser = await launchChromium();
  kiosk = await startSessionKiosk({
    terminal: true,
    change: (config) => {
      config.screen.goodbyeSeconds = 3;
      config.screen.pinPadLayout = 'fixed';
    },
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await page.goto(kiosk.url);
  await page.locator('.screen-language').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('the citizen’s pending recibos', () => {
  it('lists them, pays the two ticked one after another with the terminal’s messages, marks them paid', async () => {
    kiosk.central.recibos = [
      centralRecibo('0000088001', 12050, 'IBI Urbana 2026'),
      centralRecibo('0000088002', 4575, 'Tasa de basuras 2026'),
      centralRecibo('0000088003', 2000, null),
      centralRecibo('0000088004', 990, 'Vado 2025', true),
      // An emisora this kiosk does not collect for: shown with the reason, never payable here.
      centralRecibo(
        '0000088005',
        3000,
        'Tasa de otra entidad',
        false,
        buildReciboBarcode({
          modalidad: 1,
          emisora: '289990',
          referencia: '0000088005',
          tributo: '100',
          ejercicio: 2026,
          periodo: '01',
          importeCents: 3000,
        }),
      ),
    ];
    const es = catalogues.es;
    await identify('Español');
    expect(await page.locator('#screen-title').textContent()).toBe(es.session.pending.title);
    const rows = page.locator('.pending-recibo');
    expect(await rows.count()).toBe(5);
    expect(await rows.nth(4).getAttribute('data-status')).toBe('refused');
    expect(await rows.nth(4).locator('.pending-status').textContent()).toBe(
      es.recibo.reasons.emisora_no_admitida,
    );
    expect(await rows.nth(4).locator('input').isDisabled()).toBe(true);
    expect(await rows.nth(0).locator('.pending-concepto').textContent()).toBe('IBI Urbana 2026');
    expect(await rows.nth(0).locator('.pending-amount').textContent()).toBe('120,50\u00a0€');
    // No concepto from central: the tributo and ejercicio, as on a scanned recibo.
    expect(await rows.nth(2).locator('.pending-concepto').textContent()).toBe(
      es.recibo.concepto('100', 2026),
    );
    expect(await rows.nth(3).locator('.pending-status').textContent()).toBe(es.session.pending.alreadyPaid);
    expect(await rows.nth(3).locator('input').isDisabled()).toBe(true);
    const pay = page.locator('.action-pay');
    expect(await pay.isDisabled()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('checkbox', { name: /IBI Urbana 2026/ }).check();
    await page.getByRole('checkbox', { name: /Tasa de basuras 2026/ }).check();
    expect(await pay.textContent()).toBe(es.session.pending.pay(2, '166,25\u00a0€'));
    await shot('list-es');
    // Speech on (this kiosk's default) and its "repeat": the accessibility bar still fits one row.
    expect((await page.locator('.access-bar').boundingBox())?.height ?? 0).toBeLessThan(100);

    const paymentsBefore = kiosk.terminal!.journal.entries.filter((e) => e.kind === 'payment').length;
    kiosk.terminal!.queueScenario(
      { kind: 'approved', statusDelayMs: 800 },
      { kind: 'approved', statusDelayMs: 800 },
    );
    // Two taps within one frame (both before React re-renders) start one round: each recibo paid once.
    const callsBefore = kiosk.calls.length;
    await pay.evaluate((button) => {
      button.click();
      button.click();
    });
    await expect
      .poll(() => page.locator('#screen-title').textContent())
      .toBe(es.session.pending.paying(1, 2));
    await page.locator('.recibo-prompt').waitFor({ timeout: 10_000 });
    expect(Object.values(es.recibo.prompts)).toContain(await page.locator('.recibo-prompt').textContent());
    await shot('paying-es');
    await expect
      .poll(() => page.locator('#screen-title').textContent(), { timeout: 30_000 })
      .toBe(es.session.pending.doneTitle);
    for (const i of [0, 1]) {
      expect(await rows.nth(i).getAttribute('data-status')).toBe('approved');
      expect(await rows.nth(i).locator('.pending-csv').textContent()).toMatch(
        /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/,
      );
      expect(await rows.nth(i).locator('input').isDisabled()).toBe(true);
    }
    expect(await rows.nth(2).getAttribute('data-status')).toBe('pending');
    expect(kiosk.terminal!.journal.entries.filter((e) => e.kind === 'payment').length).toBe(
      paymentsBefore + 2,
    );
    expect(kiosk.calls.slice(callsBefore).filter((m) => m === 'recibo.pay')).toHaveLength(2);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await shot('paid-es');

    await page.getByRole('button', { name: es.session.finish }).click();
    await page.locator('.screen-goodbye').waitFor();
    kiosk.setCard(false);
    await page.locator('.screen-language').waitFor({ timeout: 10_000 });
    expect(await page.content()).not.toContain('IBI Urbana');
  });

  it('stops at a declined card and charges nothing after it (Galician)', async () => {
    kiosk.central.recibos = [
      centralRecibo('0000088011', 3000, 'Auga 1T 2026'),
      centralRecibo('0000088012', 3100, 'Auga 2T 2026'),
    ];
    const gl = catalogues.gl;
    await identify('Galego');
    await page.getByRole('checkbox', { name: /Auga 1T/ }).check();
    await page.getByRole('checkbox', { name: /Auga 2T/ }).check();
    const paymentsBefore = kiosk.terminal!.journal.entries.filter((e) => e.kind === 'payment').length;
    kiosk.terminal!.queueScenario({ kind: 'declined', resultCode: 0x05 });
    await page.locator('.action-pay').click();
    await expect
      .poll(() => page.locator('#screen-title').textContent(), { timeout: 30_000 })
      .toBe(gl.session.pending.doneTitle);
    const rows = page.locator('.pending-recibo');
    expect(await rows.nth(0).getAttribute('data-status')).toBe('declined');
    expect(await rows.nth(0).locator('.pending-status').textContent()).toContain(gl.session.pending.notPaid);
    expect(await rows.nth(1).getAttribute('data-status')).toBe('pending');
    expect(await page.locator('.notice-warning[role="alert"]').textContent()).toBe(
      gl.session.pending.stopped,
    );
    // The declined one may be tried again; nothing was charged for the second.
    expect(await rows.nth(0).locator('input').isDisabled()).toBe(false);
    // The terminal books approved payments only: none since the round began.
    expect(kiosk.terminal!.journal.entries.filter((e) => e.kind === 'payment').length).toBe(paymentsBefore);
    await shot('declined-gl');
    await page.getByRole('button', { name: gl.session.finish }).click();
    kiosk.setCard(false);
    await page.locator('.screen-language').waitFor({ timeout: 10_000 });
  });
});
