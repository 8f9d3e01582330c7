/**
 * The first screen as a person sees it: the real browser-mode host, the real built screen, Debian's
 * Chromium. Screenshots land in .test-results/screens/ to be looked at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterEmulator } from '../../simulators/printer/index.ts';
import { launchChromium, SCREENSHOTS_DIR } from '../support/chromium.ts';
import { type RawConfig, startTestHost, type TestHost } from '../support/test-host.ts';

let host: TestHost;
let browser: Browser;
let page: Page;
let printer: PrinterEmulator;
let printerPort: number;
const withPrinter = (config: RawConfig) => {
  config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port: printerPort };
};

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-renderer-if-stale.ts'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the screen did not build:\n${build.stdout}${build.stderr}`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  printer = new PrinterEmulator({ tcpPort: 0 });
  printerPort = (await printer.start()).tcp!.port;
  host = await startTestHost({ change: withPrinter });
  await host.core.printer.check();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await printer?.stop();
});

describe('first screen in browser mode', () => {
  it('shows the kiosk name from the configuration and every device state reported by core, in Spanish', async () => {
    await page.goto(host.url);
    await page.locator('.device').nth(4).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Cajero ciudadano de demostración');
    expect(await page.locator('.municipality').textContent()).toBe('Ayuntamiento de Villademo');
    expect(await page.locator('.device .device-name').allTextContents()).toEqual([
      'Lector de DNIe',
      'Impresora',
      'Terminal de pago con tarjeta',
      'Lector de códigos de barras',
      'Conexión con el ayuntamiento',
    ]);
    const states = await page
      .locator('.device .device-state')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
    expect(states).toEqual(host.core.devices.list().map((d) => d.code));
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'first-screen-es.png') });
  });

  it('follows the printer running out of paper, as the printer reports it, without reloading', async () => {
    const printerState = page.locator('[data-device="printer"] .device-state');
    expect(await printerState.textContent()).toBe('Preparado');
    printer.setState('paper-out');
    await host.core.printer.check();
    await expect.poll(() => printerState.textContent()).toBe('Sin papel');
    expect(await page.locator('[data-device="printer"]').getAttribute('class')).toContain('health-error');
  });

  it('asks for the language first, with large touch targets, and starts the session in it', async () => {
    expect(await page.locator('#screen-title').textContent()).toBe('Elija su idioma');
    const catala = page.getByRole('button', { name: 'Català' });
    expect(await catala.getAttribute('lang')).toBe('ca');
    const box = await catala.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(64);
    await catala.click();
    await expect.poll(() => page.locator('#screen-title').textContent()).toBe('Què voleu fer?');
    expect(await page.locator('html').getAttribute('lang')).toBe('ca');
    expect(host.core.session.state()).toEqual({ step: 'service', language: 'ca' });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'first-screen-service-ca.png') });
    // The language can change on any step, from the bar at the foot of the screen.
    await page.getByRole('button', { name: 'Euskara' }).click();
    await expect.poll(() => page.locator('#screen-title').textContent()).toBe('Zer egin nahi duzu?');
    expect(await page.getByRole('button', { name: 'Euskara' }).getAttribute('aria-pressed')).toBe('true');
    // Finishing from the service choice: goodbye, then the first screen in the kiosk's language.
    await page.getByRole('button', { name: 'Amaitu' }).click();
    await page.locator('.screen-goodbye').waitFor();
    await page.locator('.screen-language').waitFor({ timeout: 15_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('[data-device="printer"] .device-state').textContent()).toBe('Sin papel');
  });

  it('says what to do when a card goes in, and forgets it when it comes out', async () => {
    host.core.events.emit('card.changed', { present: true, cardType: 'other' });
    const notice = page.locator('.card-notice');
    await expect
      .poll(() => notice.textContent())
      .toBe('Esta tarjeta no es un DNIe. Retírela e inserte su DNIe.');
    expect(await notice.getAttribute('role')).toBe('status');
    host.core.events.emit('card.changed', { present: true, cardType: 'dnie' });
    await expect.poll(() => page.locator('.card-notice-title').textContent()).toBe('Ha insertado su DNIe.');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'card-inserted-es.png') });
    host.core.events.emit('card.changed', { present: false, cardType: null });
    await expect.poll(() => notice.count()).toBe(0);
  });

  it('runs no injected inline script (Content-Security-Policy)', async () => {
    const violations: string[] = [];
    page.on('console', (message) => violations.push(message.text()));
    await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
    expect(await page.evaluate(() => (globalThis as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(violations.some((text) => text.includes('Content Security Policy'))).toBe(true);
  });

  it('comes back by itself after core restarts', async () => {
    const port = Number(new URL(host.url).port);
    const dataDir = host.dataDir;
    await host.close();
    await expect.poll(() => page.locator('.connecting').count(), { timeout: 10_000 }).toBe(1);
    host = await startTestHost({ dataDir, port, change: withPrinter });
    await page.locator('.device').nth(4).waitFor({ timeout: 10_000 });
    expect(await page.locator('h1').textContent()).toBe('Cajero ciudadano de demostración');
  });
});
