/**
 * The DNIe identification as the citizen meets it (issue 4 part 6), in Chromium against the real core
 * and screen, inside the citizen's session (a volante's identification step); core's card identification
 * and central are stand-ins (test/browser/session-kiosk.ts, no pcscd): a DNIe goes in → the on-screen PIN
 * pad (randomised layout), masked dots, wrong / blocked / card error / identified, removal wipes the
 * screen. Screenshots land in .test-results/screens/ to be looked at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentifyCard } from '../../core/identification/index.ts';
import { launchChromium, SCREENSHOTS_DIR } from '../support/chromium.ts';
import { type SessionKiosk, startSessionKiosk } from './session-kiosk.ts';

const GOOD_PIN = 'PRUEBA2026';
const tried: string[] = [];
const fakeIdentify: IdentifyCard = async (pin) => {
  const text = new TextDecoder().decode(pin);
  tried.push(text);
  if (text === GOOD_PIN) {
    return {
      status: 'identified',
      identity: { givenName: 'MARÍA JOSÉ', surnames: 'ESPAÑOLA ESPAÑOLA', dniNumber: '99999999R' },
      credential: { certificateDer: new Uint8Array([0x30, 0x00]), signature: new Uint8Array(256) },
    };
  }
  if (text === '99999999') return { status: 'pin_blocked' };
  if (text === '55555555') return { status: 'card_error', reason: 'certificado_caducado' };
  return { status: 'pin_wrong', triesLeft: 2 };
};

let host: SessionKiosk;
let browser: Browser;
let page: Page;

const insertDnie = () => host.setCard(true);
const removeCard = () => host.setCard(false);

/** From the first screen to the DNIe step of a volante individual, in the language named. */
async function toIdentification(language = 'Español'): Promise<void> {
  await page.locator('.screen-language').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: language }).click();
  await page.locator('.choice-volante').click();
  await page.locator('.choice-individual').click();
  await page.locator('.screen-identification').waitFor();
}

/** A card pulled ends the session: goodbye, then the first screen again. */
async function pullCardAndWait(): Promise<void> {
  removeCard();
  await page.locator('.screen-language').waitFor({ timeout: 10_000 });
}

async function digitOrder(): Promise<string[]> {
  return page
    .locator('.pin-keys-digits .pin-key')
    .evaluateAll((keys) => keys.map((k) => k.textContent ?? ''));
}

/** Types on the on-screen pad, switching between digits and capital letters as needed. */
async function tapPin(pin: string): Promise<void> {
  for (const char of pin) {
    const digit = /[0-9]/.test(char);
    const inLetters = (await page.locator('.pin-keys-letters').count()) === 1;
    if (digit === inLetters) await page.locator('.pin-mode').click();
    await page.locator(`.pin-key[data-key="${char}"]`).click();
  }
}

const dots = () => page.locator('.pin-dots .pin-dot').count();

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-renderer-if-stale.ts'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the screen did not build:\n${build.stdout}${build.stderr}`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  host = await startSessionKiosk({
    identify: fakeIdentify,
    change: (config) => {
      config.screen.pinPadLayout = 'randomised';
      config.screen.goodbyeSeconds = 3;
    },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await page.goto(host.url);
  await toIdentification();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('DNIe PIN pad on the screen', () => {
  let firstOrder: string[] = [];

  it('asks for the PIN when a DNIe goes in, focused, with keys of at least 64 px', async () => {
    insertDnie();
    const title = page.locator('#pin-title');
    await title.waitFor();
    expect(await title.textContent()).toBe('Introduzca su PIN');
    expect(await title.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.locator('.screen-identification').count()).toBe(0);
    firstOrder = await digitOrder();
    expect([...firstOrder].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const key of await page.locator('.pin-key, .pin-control').all()) {
      const box = await key.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(64);
      expect(box!.height).toBeGreaterThanOrEqual(64);
    }
    expect(await page.locator('.pin-confirm').isDisabled()).toBe(true);
  });

  it('shows only dots, says only how many, and deletes', async () => {
    await tapPin('123');
    expect(await dots()).toBe(3);
    const field = page.locator('.pin-dots');
    // What a screen reader hears: the count in words, never a character of the PIN.
    expect(await field.textContent()).toBe('3 caracteres escritos');
    expect(await field.getAttribute('aria-live')).toBe('polite');
    await page.locator('.pin-delete').click();
    expect(await dots()).toBe(2);
    expect(await field.textContent()).toBe('2 caracteres escritos');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'pin-pad-es.png') });
    await page.locator('.pin-delete').click();
    await page.locator('.pin-delete').click();
    expect(await dots()).toBe(0);
  });

  it('says a wrong PIN with the tries left, then greets the citizen by given name only', async () => {
    await tapPin('12345678');
    await page.locator('.pin-confirm').click();
    const notice = page.locator('.pin-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('El PIN no es correctoLe quedan 2 intentos.');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await dots()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'pin-wrong-es.png') });
    // The letters keyboard: the good PIN has letters and digits.
    await tapPin(GOOD_PIN);
    expect(await dots()).toBe(GOOD_PIN.length);
    // Central takes a moment to answer: meanwhile the citizen sees their given name and that it works.
    host.central.delayMs = 1500;
    await page.locator('.pin-confirm').click();
    const greeting = page.locator('.working-greeting');
    await expect.poll(() => greeting.textContent()).toBe('Hola, María José');
    expect(await page.content()).not.toContain('99999999R');
    expect(tried.slice(-2)).toEqual(['12345678', GOOD_PIN]);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'identified-es.png') });
    await page.locator('.screen-volante-preview').waitFor();
    host.central.delayMs = 0;
  });

  it('wipes the screen when the card comes out', async () => {
    removeCard();
    await page.locator('.screen-goodbye').waitFor();
    await page.locator('.screen-language').waitFor({ timeout: 10_000 });
    expect(await page.locator('.working-greeting, .screen-volante-preview').count()).toBe(0);
    expect(await page.content()).not.toContain('María José');
    expect(await page.content()).not.toContain('MARÍA');
  });

  it('draws a new digit order for the next card', async () => {
    await toIdentification();
    insertDnie();
    await page.locator('#pin-title').waitFor();
    const secondOrder = await digitOrder();
    expect([...secondOrder].sort()).toEqual([...firstOrder].sort());
    // Two fresh 32-bit seeds: the same order of ten keys has a chance of 1 in 3 628 800.
    expect(secondOrder).not.toEqual(firstOrder);
  });

  it('forgets a half-typed PIN when the card is pulled', async () => {
    await tapPin('4567');
    expect(await dots()).toBe(4);
    await pullCardAndWait();
    await toIdentification();
    insertDnie();
    await page.locator('#pin-title').waitFor();
    expect(await dots()).toBe(0);
  });

  it('works from a keyboard: typing, Backspace, Enter; a blocked PIN says where to go', async () => {
    await page.keyboard.type('9999999');
    await page.keyboard.press('Backspace');
    expect(await dots()).toBe(6);
    await page.keyboard.type('99');
    await page.keyboard.press('Enter');
    await page.locator('.result-blocked').waitFor();
    expect(await page.locator('#identification-title').textContent()).toBe('Su PIN está bloqueado');
    expect(await page.locator('.result-blocked [role="alert"]').textContent()).toContain(
      'acuda a una oficina de expedición del DNI',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'pin-blocked-es.png') });
    await pullCardAndWait();
  });

  it('speaks Catalan: pad, card error, cancel', async () => {
    await toIdentification('Català');
    insertDnie();
    await page.locator('#pin-title').waitFor();
    expect(await page.locator('#pin-title').textContent()).toBe('Introduïu el PIN');
    await tapPin('555');
    expect(await page.locator('.pin-dots').textContent()).toBe('3 caràcters escrits');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'pin-pad-ca.png') });
    await page.getByRole('button', { name: 'Lletres' }).click();
    expect(await page.locator('.pin-keys-letters .pin-key').count()).toBe(26);
    await page.getByRole('button', { name: 'Majúscules' }).click();
    expect(await page.locator('.pin-key[data-key="a"]').count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'pin-letters-ca.png') });
    await page.getByRole('button', { name: 'Majúscules' }).click();
    await page.getByRole('button', { name: 'Números' }).click();
    await tapPin('55555');
    await page.getByRole('button', { name: 'Accepta' }).click();
    await page.locator('.result-error').waitFor();
    expect(await page.locator('.result-error').getAttribute('data-reason')).toBe('certificado_caducado');
    expect(await page.locator('.result-error [role="alert"]').textContent()).toContain(
      'El certificat del DNIe ha caducat.',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'card-error-ca.png') });
    await pullCardAndWait();
    await toIdentification('Català');
    insertDnie();
    await page.getByRole('button', { name: 'Cancel·la' }).click();
    await expect
      .poll(() => page.locator('#identification-title').textContent())
      .toBe('Heu cancel·lat la identificació.');
    expect(host.core.identification.state()).toEqual({ state: 'cancelled' });
    await pullCardAndWait();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
  });

  it('never wrote a PIN to the log', () => {
    const text = JSON.stringify(host.logs);
    for (const pin of tried) expect(text).not.toContain(pin);
    expect(text).not.toContain('99999999R');
  });
});
