/**
 * The citizen's session as a person meets it (issue 9 items 1, 2, 6), in Chromium against the real core
 * and the built screen, with central and the DNIe scripted (test/browser/session-kiosk.ts): language →
 * service → volante kind → DNIe and PIN → preview → printed, the CSV on screen; central offline said
 * before the PIN; goodbye wiping the screen; speech, high contrast and large text; a keyboard-only walk.
 * Screenshots of each step in .test-results/screens/session-*.png (Galician, Spanish, Basque, English).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/src/i18n/messages.ts';
import { launchChromium, SCREENSHOTS_DIR } from '../support/chromium.ts';
import {
  accessibilityProblems,
  clippingProblems,
  contrastProblems,
  recordSpeech,
  said,
} from './screen-checks.ts';
import { GOOD_PIN, type SessionKiosk, startSessionKiosk } from './session-kiosk.ts';

let browser: Browser;
let kiosk: SessionKiosk;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS_DIR, `session-${name}.png`) });
const title = () => page.locator('#screen-title');
const focusedId = () => page.locator('html').evaluate((root) => root.ownerDocument.activeElement?.id ?? '');
/** A button's accessible name starts with its visible name; its help line follows. */
const startingWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const htmlLang = () => page.locator('html').getAttribute('lang');

/** The screen's checks at each step: nothing for a screen reader missing, targets large enough. */
async function audit(step: string): Promise<void> {
  expect(await accessibilityProblems(page), step).toEqual([]);
}

async function tapPin(pin: string): Promise<void> {
  for (const char of pin) {
    const digit = /[0-9]/.test(char);
    const inLetters = (await page.locator('.pin-keys-letters').count()) === 1;
    if (digit === inLetters) await page.locator('.pin-mode').click();
    await page.locator(`.pin-key[data-key="${char}"]`).click();
  }
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-renderer-if-stale.ts'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the screen did not build:\n${build.stdout}${build.stderr}`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  browser = await launchChromium();
  kiosk = await startSessionKiosk({
    change: (config) => {
      config.screen.goodbyeSeconds = 3;
      config.screen.pinPadLayout = 'fixed';
      config.accessibility.speech = { enabled: false, rate: 0.9, volumePercent: 80 };
    },
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

beforeEach(async () => {
  kiosk.central.reachable = true;
  kiosk.central.refuse = null;
  page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await recordSpeech(page);
  await page.goto(kiosk.url);
  await page.locator('.screen-language').waitFor();
});

afterEach(async () => {
  await page?.close();
  // Whatever a test left, the next one starts from the first screen with no card in.
  kiosk.setCard(false);
  if (kiosk.core.session.state().step !== 'idle') kiosk.core.session.end('timeout');
});

describe('the citizen’s session on screen', () => {
  it('volante colectivo in Galician: language → service → kind → DNIe → preview → printed, with its CSV', async () => {
    const gl = catalogues.gl;
    expect(await title().textContent()).toBe(catalogues.es.session.language.title);
    expect(await focusedId()).toBe('screen-title');
    await audit('language');
    await shot('1-language-es');

    await page.getByRole('button', { name: 'Galego' }).click();
    await expect.poll(() => title().textContent()).toBe(gl.session.service.title);
    expect(await htmlLang()).toBe('gl');
    expect(await focusedId()).toBe('screen-title');
    expect(kiosk.core.session.state()).toEqual({ step: 'service', language: 'gl' });
    await audit('service');
    await shot('2-service-gl');

    await page.getByRole('button', { name: startingWith(gl.session.service.volante.name) }).click();
    await expect.poll(() => title().textContent()).toBe(gl.session.volanteKind.title);
    await audit('volante kind');
    await shot('3-volante-kind-gl');

    await page.getByRole('button', { name: startingWith(gl.session.volanteKind.colectivo.name) }).click();
    await expect.poll(() => title().textContent()).toBe(gl.session.identification.title);
    await audit('identification');
    await shot('4-insert-dnie-gl');

    kiosk.setCard(true);
    await page.locator('.pin-keys-digits').waitFor();
    expect(await page.locator('#pin-title').textContent()).toBe(gl.identification.pinTitle);
    await audit('PIN pad');
    await tapPin(GOOD_PIN);
    await page.locator('.pin-confirm').click();

    await page.locator('.screen-volante-preview').waitFor();
    expect(await title().textContent()).toBe(gl.session.preview.title);
    expect(await focusedId()).toBe('screen-title');
    expect(kiosk.central.asked).toContain('volante.colectivo');
    const sheet = page.locator('.volante-sheet');
    expect(await sheet.locator('.volante-kind').textContent()).toBe('Volante colectivo');
    expect(await sheet.locator('.volante-fields dd').first().textContent()).toBe('Villademo');
    expect(await sheet.locator('tbody th').allTextContents()).toEqual([
      'MARÍA JOSÉ ESPAÑOLA ESPAÑOLA',
      'JON ESPAÑOL',
    ]);
    // Dates in Galician words; what the padrón does not hold, said so.
    expect(await sheet.locator('tbody tr').first().textContent()).toContain('2 de xaneiro de 1980');
    expect(await sheet.locator('tbody tr').nth(1).textContent()).toContain(gl.session.preview.sinDato);
    await audit('preview');
    await shot('5-preview-gl');

    const printedBefore = kiosk.printer.documents().length;
    await page.getByRole('button', { name: gl.session.preview.confirm }).click();
    await page.locator('.screen-volante-done').waitFor({ timeout: 20_000 });
    const issued = kiosk.central.issued.at(-1);
    expect(await page.locator('.csv-code').textContent()).toBe(issued?.csv);
    expect(await page.locator('.screen-volante-done').getAttribute('data-printed')).toBe('true');
    expect(await page.locator('.volante-valid-until').textContent()).toMatch(
      /^Válido ata o \d+ de \S+ de \d{4}\.$/,
    );
    expect(kiosk.printer.documents().length).toBe(printedBefore + 1);
    await audit('done');
    await shot('6-done-gl');
  });

  it('offline: says so in plain words before asking for the PIN (Basque), and offers to go back', async () => {
    kiosk.central.reachable = false;
    const eu = catalogues.eu;
    await page.getByRole('button', { name: 'Euskara' }).click();
    await page.getByRole('button', { name: startingWith(eu.session.service.volante.name) }).click();
    await page.getByRole('button', { name: startingWith(eu.session.volanteKind.individual.name) }).click();
    await page.locator('.screen-failed').waitFor();
    expect(await title().textContent()).toBe(eu.session.failed.title);
    const reason = page.locator('.failed-reason');
    expect(await reason.getAttribute('data-reason')).toBe('sin_conexion');
    expect(await reason.textContent()).toBe(eu.session.failed.reasons.sin_conexion);
    expect(await reason.getAttribute('role')).toBe('alert');
    expect(await page.locator('.pin-pad').count()).toBe(0);
    expect(kiosk.central.asked).not.toContain('volante.individual');
    await audit('failed');
    await shot('7-offline-eu');

    await page.getByRole('button', { name: eu.session.failed.otherService }).click();
    await expect.poll(() => title().textContent()).toBe(eu.session.service.title);
  });

  it('goodbye: thanks, then the first screen with nothing of the citizen left, choices reset', {
    timeout: 60_000,
  }, async () => {
    const en = catalogues.en;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: en.access.highContrast }).click();
    await page.getByRole('button', { name: startingWith(en.session.service.volante.name) }).click();
    await page.getByRole('button', { name: startingWith(en.session.volanteKind.individual.name) }).click();
    kiosk.setCard(true);
    await page.locator('.pin-keys-digits').waitFor();
    await tapPin(GOOD_PIN);
    await page.locator('.pin-confirm').click();
    await page.locator('.screen-volante-preview').waitFor();
    await page.getByRole('button', { name: en.session.preview.confirm }).click();
    await page.locator('.screen-volante-done').waitFor({ timeout: 20_000 });
    const csv = (await page.locator('.csv-code').textContent()) ?? '';

    await page.getByRole('button', { name: en.session.finish }).click();
    await page.locator('.screen-goodbye').waitFor();
    expect(await title().textContent()).toBe(en.session.goodbye.title);
    expect(await page.locator('.goodbye-card').textContent()).toBe(en.session.goodbye.takeCard);
    await audit('goodbye');
    await shot('8-goodbye-en');

    // Core wipes the session after `goodbyeSeconds`; the screen follows.
    await page.locator('.screen-language').waitFor({ timeout: 10_000 });
    expect(await htmlLang()).toBe('es');
    const html = await page.content();
    for (const trace of [csv, 'MARÍA', 'ESPAÑOLA', 'CALLE MAYOR', '99999999R', 'Villademo</dd>']) {
      expect(html).not.toContain(trace);
    }
    expect(await page.locator('html').getAttribute('class')).toBe('');
    expect(
      await page
        .getByRole('button', { name: catalogues.es.access.highContrast })
        .getAttribute('aria-pressed'),
    ).toBe('false');
  });

  it('high contrast and large text: AAA contrast, 1.5× text, nothing cut off, state not by colour alone', async () => {
    const en = catalogues.en;
    await page.getByRole('button', { name: 'English' }).click();
    await title().waitFor();
    // The bar fits one row at normal size: it stays on screen without eating it.
    const barHeight = (await page.locator('.access-bar').boundingBox())?.height ?? 0;
    expect(barHeight).toBeLessThan(100);
    const baseSize = await title().evaluate((el) =>
      Number.parseFloat(el.ownerDocument.defaultView.getComputedStyle(el).fontSize),
    );
    expect(await contrastProblems(page, 7)).toEqual([]);
    // The check sees the text it measures: nothing on screen is at the 21:1 of pure black on white.
    expect((await contrastProblems(page, 21)).length).toBeGreaterThan(0);

    const contrast = page.getByRole('button', { name: en.access.highContrast });
    await contrast.click();
    expect(await contrast.getAttribute('aria-pressed')).toBe('true');
    expect(await contrast.locator('.access-mark').textContent()).toBe('✓');
    expect(
      await page
        .locator('body')
        .evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor),
    ).toBe('rgb(0, 0, 0)');
    expect(await contrastProblems(page, 7)).toEqual([]);
    await shot('9-high-contrast-en');

    await page.getByRole('button', { name: en.access.largeText }).click();
    const largeSize = await title().evaluate((el) =>
      Number.parseFloat(el.ownerDocument.defaultView.getComputedStyle(el).fontSize),
    );
    expect(largeSize / baseSize).toBeGreaterThanOrEqual(1.5);
    expect(await clippingProblems(page)).toEqual([]);
    expect(await accessibilityProblems(page, 64)).toEqual([]);
    await shot('10-large-text-en');

    // Deeper screens keep both, and still fit.
    await page.getByRole('button', { name: startingWith(en.session.service.volante.name) }).click();
    await page.getByRole('button', { name: startingWith(en.session.volanteKind.colectivo.name) }).click();
    kiosk.setCard(true);
    await page.locator('.pin-keys-digits').waitFor();
    expect(await clippingProblems(page)).toEqual([]);
    await shot('11-pin-large-contrast-en');
    await tapPin(GOOD_PIN);
    await page.locator('.pin-confirm').click();
    await page.locator('.screen-volante-preview').waitFor();
    expect(await clippingProblems(page)).toEqual([]);
    expect(await contrastProblems(page, 7)).toEqual([]);
    await shot('12-preview-large-contrast-en');
  });

  it('speaks each new screen in the session’s language when the citizen switches speech on, and repeats', async () => {
    const ca = catalogues.ca;
    await page.getByRole('button', { name: 'Català' }).click();
    await title().waitFor();
    // Off by this kiosk's configuration: nothing said yet.
    expect(await said(page)).toEqual([]);
    await page.getByRole('button', { name: ca.access.speech }).click();
    await expect.poll(async () => (await said(page)).at(-1)?.text).toContain(ca.session.service.title);
    expect((await said(page)).at(-1)).toMatchObject({ lang: 'ca-ES', rate: 0.9, volume: 0.8 });

    await page.getByRole('button', { name: startingWith(ca.session.service.volante.name) }).click();
    await expect.poll(async () => (await said(page)).at(-1)?.text).toContain(ca.session.volanteKind.title);
    const count = (await said(page)).length;
    await page.getByRole('button', { name: ca.access.repeat }).click();
    expect((await said(page)).length).toBe(count + 1);
    expect((await said(page)).at(-1)?.text).toContain(ca.session.volanteKind.title);

    // The language changes mid-session: the same step, said again in Spanish with a Spanish voice.
    await page.getByRole('button', { name: 'Español' }).click();
    await expect.poll(() => title().textContent()).toBe(catalogues.es.session.volanteKind.title);
    await expect.poll(async () => (await said(page)).at(-1)?.lang).toBe('es-ES');

    // The PIN pad is spoken without a single character of the PIN.
    await page
      .getByRole('button', { name: startingWith(catalogues.es.session.volanteKind.individual.name) })
      .click();
    kiosk.setCard(true);
    await page.locator('.pin-keys-digits').waitFor();
    await tapPin(GOOD_PIN);
    await page.locator('.pin-confirm').click();
    await page.locator('.screen-volante-preview').waitFor();
    const everything = (await said(page)).map((s) => s.text).join(' ');
    expect(everything).toContain(catalogues.es.identification.pinTitle);
    for (const secret of [GOOD_PIN, 'MARÍA', 'CALLE MAYOR', '99999999R'])
      expect(everything).not.toContain(secret);
  });

  it('works from the keyboard alone: Tab and Enter through a whole volante', async () => {
    const es = catalogues.es;
    const focusedText = () =>
      page.locator('html').evaluate((root) => root.ownerDocument.activeElement?.textContent ?? '');
    /** Tabs forward until the focused control's text starts with `text` (at most 30 presses). */
    const tabTo = async (text: string) => {
      for (let i = 0; i < 30; i += 1) {
        await page.keyboard.press('Tab');
        if ((await focusedText()).startsWith(text)) return;
      }
      throw new Error(`Tab never reached "${text}"`);
    };
    await tabTo('Español');
    await page.keyboard.press('Enter');
    await expect.poll(() => title().textContent()).toBe(es.session.service.title);
    expect(await focusedId()).toBe('screen-title');
    await tabTo(es.session.service.volante.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => title().textContent()).toBe(es.session.volanteKind.title);
    await tabTo(es.session.volanteKind.individual.name);
    await page.keyboard.press('Space');
    await expect.poll(() => title().textContent()).toBe(es.session.identification.title);
    kiosk.setCard(true);
    await page.locator('.pin-keys-digits').waitFor();
    expect(await focusedId()).toBe('pin-title');
    await page.keyboard.type(GOOD_PIN);
    await page.keyboard.press('Enter');
    await page.locator('.screen-volante-preview').waitFor();
    expect(await focusedId()).toBe('screen-title');
    await tabTo(es.session.preview.confirm);
    await page.keyboard.press('Enter');
    await page.locator('.screen-volante-done').waitFor({ timeout: 20_000 });
    expect(await focusedId()).toBe('screen-title');
    await shot('13-done-keyboard-es');
    await tabTo(es.session.finish);
    await page.keyboard.press('Enter');
    await page.locator('.screen-goodbye').waitFor();
  });
});
