/**
 * The idle timeout as the citizen meets it (issue 9 item 1, WCAG 2.2.1), in Chromium against the real
 * host and screen. Playwright's clock drives the page's time (the configured timeouts are at least
 * 20 s): the warning dialog with "more time", then expiry (`session.end {reason: 'timeout'}`) wiping the
 * recibo on screen, and a DNIe session ended in core with the volante preview gone. Screenshot of the warning in
 * .test-results/screens/idle-warning-es.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS_DIR } from '../support/chromium.ts';
import { recordSpeech, said } from './screen-checks.ts';
import { demoReciboFields, type ReciboKiosk, startReciboKiosk } from '../support/recibo-devices.ts';
import { demoConfigText } from '../support/test-host.ts';
import { GOOD_PIN, type SessionKiosk, startSessionKiosk } from './session-kiosk.ts';

let browser: Browser;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-renderer-if-stale.ts'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the screen did not build:\n${build.stdout}${build.stderr}`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** A page whose timers and Date are Playwright's to move, on the kiosk's first screen. */
async function openKiosk(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await recordSpeech(page);
  await page.clock.install();
  await page.goto(url);
  await page.locator('.screen-language').waitFor();
  return page;
}

/** From the first screen to the recibo form, in Spanish. */
async function openRecibo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('button', { name: /^Pagar un recibo/ }).click();
  await page.locator('input[name="emisora"]').waitFor();
}

const dialog = (page: Page) => page.getByRole('alertdialog');

describe('idle timeout on the recibo screen', () => {
  const { idleTimeoutSeconds: idle, timeoutWarningSeconds: warn } = JSON.parse(demoConfigText()).screen as {
    idleTimeoutSeconds: number;
    timeoutWarningSeconds: number;
  };
  let kiosk: ReciboKiosk;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startReciboKiosk();
    page = await openKiosk(kiosk.host.url);
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    await kiosk?.stop();
  });

  it('warns before the end, "more time" restarts the count, then the session ends with no recibo left', async () => {
    const fields = demoReciboFields('0000077001', 4250);
    await openRecibo(page);
    await page.locator('input[name="emisora"]').click();
    await page.keyboard.type(fields.emisora);
    await page.locator('input[name="referencia"]').fill(fields.referencia);
    await page.locator('input[name="identificacion"]').fill(fields.identificacion);
    await page.locator('input[name="importe"]').fill(fields.importe);
    await page.keyboard.press('Enter');
    await page.locator('.recibo-shown').waitFor();
    expect(await page.locator('.recibo-amount').textContent()).toBe('42,50\u00a0€');

    // Quiet until the warning point (the last key press started the count).
    await page.clock.runFor((idle - warn) * 1000 - 1000);
    expect(await dialog(page).count()).toBe(0);
    await page.clock.runFor(1500);
    await dialog(page).waitFor();
    expect(await dialog(page).getAttribute('aria-modal')).toBe('true');
    expect(await page.locator('#idle-title').textContent()).toBe('¿Necesita más tiempo?');
    // Seen and heard (EAA: timed responses through more than one sense); speech is on by default here.
    await expect
      .poll(async () => (await said(page)).at(-1)?.text)
      .toMatch(/^¿Necesita más tiempo\? Por su seguridad/);
    const more = page.getByRole('button', { name: 'Necesito más tiempo' });
    expect(await more.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect((await more.boundingBox())!.height).toBeGreaterThanOrEqual(64);
    await page.clock.runFor(3000);
    await expect.poll(() => page.locator('.idle-count').textContent()).toBe(String(warn - 4));
    expect(await page.locator('#idle-explanation').textContent()).toContain(`${warn - 4} segundos`);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'idle-warning-es.png') });

    // "More time": the dialog goes, the recibo stays, and a whole new count starts.
    await more.click();
    await dialog(page).waitFor({ state: 'hidden' });
    expect(await page.locator('.recibo-amount').textContent()).toBe('42,50\u00a0€');
    await page.clock.runFor((idle - warn) * 1000 - 1000);
    expect(await dialog(page).count()).toBe(0);
    await page.clock.runFor(1500);
    await dialog(page).waitFor();

    // Nobody answers: core ends the session, back to the first screen, nothing of the recibo anywhere.
    await page.clock.runFor(warn * 1000);
    await page.locator('.screen-language').waitFor();
    expect(kiosk.host.core.session.state()).toEqual({ step: 'idle' });
    expect(await dialog(page).count()).toBe(0);
    const html = await page.content();
    for (const trace of ['42,50', fields.referencia, fields.identificacion, 'recibo-shown']) {
      expect(html).not.toContain(trace);
    }
    // A new recibo starts empty.
    await openRecibo(page);
    expect(await page.locator('input[name="referencia"]').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.getByRole('button', { name: 'Terminar' }).click();
    await page.locator('.screen-goodbye').waitFor();
    // The goodbye is core's to end (`goodbyeSeconds` of real time), not the page's clock.
    await page.locator('.screen-language').waitFor({ timeout: 15_000 });
  });

  it('never interrupts a payment the terminal is running; its result then times out too', async () => {
    const fields = demoReciboFields('0000077005', 1234);
    await openRecibo(page);
    await page.locator('input[name="emisora"]').fill(fields.emisora);
    await page.locator('input[name="referencia"]').fill(fields.referencia);
    await page.locator('input[name="identificacion"]').fill(fields.identificacion);
    await page.locator('input[name="importe"]').fill(fields.importe);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.locator('.recibo-shown').waitFor();
    // Close to the warning point, the payment starts: a script click, so no touch restarts the count.
    await page.clock.runFor((idle - warn) * 1000 - 1000);
    expect(await dialog(page).count()).toBe(0);
    kiosk.sim.queueScenario({ kind: 'approved', statusDelayMs: 1000 });
    await page.locator('.recibo-pay').evaluate((button: { click(): void }) => button.click());
    await page.locator('.recibo-prompt').waitFor({ timeout: 10_000 });
    // Well past the warning point, yet no warning: the count is paused while the terminal works. (Less
    // than the screen's 15 s call timeout: the page's clock also runs that one.)
    await page.clock.runFor(10_000);
    expect(await dialog(page).count()).toBe(0);
    expect(await page.locator('.recibo-paying').count()).toBe(1);
    const result = page.locator('.recibo-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-outcome')).toBe('approved');
    const csv = (await page.locator('.recibo-csv strong').textContent()) ?? '';
    expect(csv).not.toBe('');
    // The result gets a whole timeout of its own, then goes.
    await page.clock.runFor((idle - warn) * 1000 + 500);
    await dialog(page).waitFor();
    await page.clock.runFor(warn * 1000);
    await page.locator('.screen-language').waitFor();
    expect(await page.content()).not.toContain(csv);
  });

  it('never times out on the first screen', async () => {
    await page.clock.runFor(idle * 3000);
    expect(await dialog(page).count()).toBe(0);
    expect(await page.locator('.screen-language').count()).toBe(1);
  });
});

describe('idle timeout during a DNIe session', () => {
  let kiosk: SessionKiosk;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startSessionKiosk({
      change: (config) => {
        // The schema's smallest values.
        config.screen.idleTimeoutSeconds = 20;
        config.screen.timeoutWarningSeconds = 10;
        config.screen.pinPadLayout = 'fixed';
      },
    });
    page = await openKiosk(kiosk.url);
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    await kiosk?.stop();
  });

  it('ends the session in core, forgets the preview and speaks the default language again', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('.choice-volante').click();
    await page.locator('.choice-individual').click();
    kiosk.setCard(true);
    await page.locator('.pin-keys-digits').waitFor();
    for (const char of GOOD_PIN) {
      const digit = /[0-9]/.test(char);
      const inLetters = (await page.locator('.pin-keys-letters').count()) === 1;
      if (digit === inLetters) await page.locator('.pin-mode').click();
      await page.locator(`.pin-key[data-key="${char}"]`).click();
    }
    await page.locator('.pin-confirm').click();
    await page.locator('.screen-volante-preview').waitFor();
    expect(await page.content()).toContain('MARÍA JOSÉ');

    await page.clock.runFor(10_500);
    await dialog(page).waitFor();
    expect(await page.locator('#idle-title').textContent()).toBe('Do you need more time?');
    await page.clock.runFor(10_000);
    await expect.poll(() => kiosk.core.session.state()).toEqual({ step: 'idle' });
    expect(kiosk.core.identification.identity()).toBeUndefined();
    await page.locator('.screen-language').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await dialog(page).count()).toBe(0);
    expect((await page.content()).toLowerCase()).not.toContain('maría');
    kiosk.setCard(false);
  });
});
