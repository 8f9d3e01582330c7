/**
 * Paying a recibo as the citizen meets it (issue 7), in Chromium against the real host and screen, with
 * core on the real ZVT simulator and printer emulator (TCP): manual entry (physical keyboard and the
 * on-screen keypad) → the recibo with its amount → pay → the terminal's messages → approved with the
 * CSV that is also on the printed justificante. Screenshots in .test-results/screens/ (es and eu).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/src/i18n/messages.ts';
import { launchChromium, SCREENSHOTS_DIR } from '../support/chromium.ts';
import { accessibilityProblems, clippingProblems, contrastProblems } from './screen-checks.ts';
import {
  demoRecibo,
  demoReciboFields,
  type ReciboKiosk,
  startReciboKiosk,
} from '../support/recibo-devices.ts';

let kiosk: ReciboKiosk;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS_DIR, name) });

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-renderer-if-stale.ts'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the screen did not build:\n${build.stdout}${build.stderr}`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  kiosk = await startReciboKiosk();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await page.goto(kiosk.host.url);
  await page.locator('.screen-language').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

/** Types the recibo's fields: the first ones on the physical keyboard, the importe on the keypad. */
async function typeRecibo(fields: ReturnType<typeof demoReciboFields>): Promise<void> {
  await page.locator('input[name="emisora"]').click();
  await page.keyboard.type(fields.emisora);
  await page.keyboard.press('Tab');
  await page.keyboard.type(fields.referencia);
  await page.keyboard.press('Tab');
  await page.keyboard.type(fields.identificacion);
  await page.locator('input[name="importe"]').focus();
  for (const key of fields.importe) await page.locator(`.recibo-key[data-key="${key}"]`).click();
}

describe('recibo payment on the screen', () => {
  it('offers the payment among the services and asks for the barcode or the data', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    const start = page.getByRole('button', { name: /^Pagar un recibo/ });
    await start.waitFor();
    await shot('recibo-service-es.png');
    await start.click();
    const title = page.locator('#recibo-title');
    await title.waitFor();
    expect(await title.textContent()).toBe('Escanee el código de barras o escríbalo');
    expect(await title.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    for (const key of await page.locator('.recibo-key, .recibo-primary, .recibo-secondary').all()) {
      const box = await key.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(64);
    }
  });

  it('says what is wrong with a mistyped recibo and which field', async () => {
    const fields = demoReciboFields('0000077001', 4250);
    await typeRecibo({
      ...fields,
      referencia: `${fields.referencia.slice(0, 11)}${(Number(fields.referencia.at(-1)) + 1) % 10}`,
    });
    await page.getByRole('button', { name: 'Continuar' }).click();
    const alert = page.locator('.recibo-notice[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Los dígitos de control de la referencia no coinciden');
    await shot('recibo-error-es.png');
  });

  it('manual entry → recibo shown → pay → approved with the CSV printed on the justificante', async () => {
    for (const name of ['emisora', 'referencia', 'identificacion', 'importe']) {
      await page.locator(`input[name="${name}"]`).fill('');
    }
    await typeRecibo(demoReciboFields('0000077001', 4250));
    await shot('recibo-entry-es.png');
    expect(await accessibilityProblems(page)).toEqual([]);
    // With large text and high contrast the keypad moves below the fields: nothing off the screen.
    await page.getByRole('button', { name: 'Letra grande' }).click();
    await page.getByRole('button', { name: 'Alto contraste' }).click();
    expect(await clippingProblems(page)).toEqual([]);
    expect(await contrastProblems(page, 7)).toEqual([]);
    await shot('recibo-entry-large-contrast-es.png');
    await page.getByRole('button', { name: 'Letra grande' }).click();
    await page.getByRole('button', { name: 'Alto contraste' }).click();
    await page.locator('input[name="importe"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.recibo-shown').waitFor();
    expect(await page.locator('.recibo-details').textContent()).toContain('42,50\u00a0€');
    await shot('recibo-shown-es.png');
    const printed = new Promise<string>((resolve) => kiosk.printer.onDocument((doc) => resolve(doc.text)));
    await page.locator('.recibo-pay').click();
    const result = page.locator('.recibo-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-outcome')).toBe('approved');
    expect(await page.locator('#recibo-title').textContent()).toBe('Pago realizado');
    const csv = (await page.locator('.recibo-csv strong').textContent()) ?? '';
    expect(csv).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await result.textContent()).toContain('Justificante impreso');
    expect(await printed).toContain(csv);
    expect(kiosk.sim.journal.entries.filter((e) => e.kind === 'payment')).toHaveLength(1);
    await shot('recibo-approved-es.png');
  });

  it('refuses the same recibo again, saying it is already paid', async () => {
    await page.getByRole('button', { name: 'Pagar otro recibo' }).click();
    await typeRecibo(demoReciboFields('0000077001', 4250));
    await page.getByRole('button', { name: 'Continuar' }).click();
    const alert = page.locator('.recibo-notice [data-reason]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-reason')).toBe('ya_pagado');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.locator('.screen-service').waitFor();
  });

  it('a scanned recibo opens the payment with it, from the services or the first screen; the whole barcode can be typed too', {
    timeout: 60_000,
  }, async () => {
    const recibos = kiosk.host.core.recibos;
    if (recibos === null) throw new Error('core built no recibo payment service');
    // What core sends for a scan (ScannerService.onScan → recibo.check → recibo.scanned).
    kiosk.host.core.events.emit('recibo.scanned', recibos.check({ barcode: demoRecibo('0000077003', 1999) }));
    await page.locator('.recibo-shown').waitFor();
    expect(await page.locator('.recibo-amount').textContent()).toBe('19,99\u00a0€');
    expect(kiosk.host.core.session.state().step).toBe('recibo');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.getByRole('button', { name: 'Terminar' }).click();
    await page.locator('.screen-goodbye').waitFor();
    await page.locator('.screen-language').waitFor({ timeout: 15_000 });
    // Nobody at the kiosk: the scan itself starts the session in the kiosk's language.
    kiosk.host.core.events.emit('recibo.scanned', recibos.check({ barcode: demoRecibo('0000077003', 1999) }));
    await page.locator('.recibo-shown').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.getByRole('button', { name: /^Pagar un recibo/ }).click();
    await page.getByRole('button', { name: 'Número completo del código de barras' }).click();
    await page.locator('input[name="barcode"]').click();
    await page.keyboard.type(demoRecibo('0000077004', 705));
    await page.keyboard.press('Enter');
    await page.locator('.recibo-shown').waitFor();
    expect(await page.locator('.recibo-amount').textContent()).toBe('7,05\u00a0€');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.locator('.screen-service').waitFor();
  });

  it('speaks Basque through the whole payment', { timeout: 60_000 }, async () => {
    // The language changes mid-session from the bar at the foot of the screen.
    await page.getByRole('button', { name: 'Euskara' }).click();
    await page.getByRole('button', { name: /^Ordainagiri bat ordaindu/ }).click();
    await page.locator('#recibo-title').waitFor();
    expect(await page.locator('#recibo-title').textContent()).toBe('Eskaneatu barra-kodea edo idatzi');
    await typeRecibo(demoReciboFields('0000077002', 25075));
    await shot('recibo-entry-eu.png');
    await page.getByRole('button', { name: 'Jarraitu' }).click();
    await page.locator('.recibo-shown').waitFor();
    expect(await page.locator('.recibo-pay').textContent()).toBe('Ordaindu 250,75\u00a0€ txartelaz');
    await shot('recibo-shown-eu.png');
    // Slow enough to see the terminal's messages on the screen.
    kiosk.sim.queueScenario({ kind: 'approved', statusDelayMs: 1000 });
    await page.locator('.recibo-pay').click();
    const prompt = page.locator('.recibo-prompt');
    await prompt.waitFor({ timeout: 10_000 });
    expect(Object.values(catalogues.eu.recibo.prompts)).toContain(await prompt.textContent());
    await shot('recibo-paying-eu.png');
    await page.locator('.recibo-result').waitFor({ timeout: 20_000 });
    expect(await page.locator('#recibo-title').textContent()).toBe('Ordainketa eginda');
    await shot('recibo-approved-eu.png');
    await page.getByRole('button', { name: 'Amaitu' }).click();
    await page.locator('.screen-goodbye').waitFor();
    expect(await page.locator('#screen-title').textContent()).toBe(catalogues.eu.session.goodbye.title);
    await shot('recibo-goodbye-eu.png');
    await page.locator('.screen-language').waitFor({ timeout: 15_000 });
  });
});
