/**
 * Volantes de empadronamiento end to end (issue 9 item 7): Chromium on the screen of `./cajero start`'s
 * stack; the citizen's virtual DNIe behind the real pcscd + vpcd (run here, so the test puts the card in
 * and pulls it out through its page), central on a scratch PostgreSQL database with the DNIe's people
 * in its padrón, their CA as anchors and the DNIe's OCSP responder, and the printer emulator over TCP.
 * Checked against the wire: the volante central verifies by the CSV on screen, and the printed ticket.
 *
 * Holds the machine-wide vpcd lock for the whole file; never run it while a demo (`./cajero start`,
 * whose own virtual DNIe would share the reader) is running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageCode, VolanteKind } from '../../core/api/contract.ts';
import { DNIE_DEMO_PAGE_PORT } from '../../core/host/companion-processes.ts';
import { catalogues } from '../../renderer/src/i18n/messages.ts';
import { type CentralProgram, prepareCentral } from '../support/central-program.ts';
import { tcpAnswers } from '../support/child-program.ts';
import { launchChromium } from '../support/chromium.ts';
import {
  type DnieProgram,
  freePort,
  type PrinterProgram,
  startDnieProgram,
  startPrinterProgram,
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
import { usePcscdReader } from '../support/pcscd.ts';

const KIOSK_ID = 'DEMO-001';
/** Every virtual DNIe persona's PIN (simulators/dnie/personas.ts). */
const PIN = 'PRUEBA2026';

let dir: string;
let release: (() => void) | undefined;
let dnie: DnieProgram;
let central: CentralProgram;
let printer: PrinterProgram;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  await buildScreen();
  // A demo's virtual DNIe sits in the same vpcd slot, outside the lock: its cards would be ours.
  if (await tcpAnswers(DNIE_DEMO_PAGE_PORT)) {
    throw new Error(
      `a demo's virtual DNIe answers on 127.0.0.1:${DNIE_DEMO_PAGE_PORT}: stop ./cajero start before these tests`,
    );
  }
  release = await usePcscdReader(240_000);
  dir = mkdtempSync(path.join(tmpdir(), 'cajero-e2e-volante-'));
  const anchorsDir = path.join(dir, 'dnie-anchors');
  const personasFile = path.join(dir, 'personas.json');
  const ocspPort = await freePort();
  // The DNIe first: its run's CA and people are what central must know.
  dnie = await startDnieProgram(path.join(dir, 'dnie'), [
    '--write-anchors',
    anchorsDir,
    '--write-personas',
    personasFile,
    '--ocsp',
    String(ocspPort),
  ]);
  central = await prepareCentral({
    dir: path.join(dir, 'central'),
    kioskId: KIOSK_ID,
    ineCode: '47186',
    town: 'Villademo',
    citizen: { anchorsDir, personasFile, ocspUrl: `http://127.0.0.1:${ocspPort}/` },
  });
  await central.start();
  printer = await startPrinterProgram(path.join(dir, 'printer'));
  const configFile = await writeStackConfig({
    dir: path.join(dir, 'kiosk'),
    printerPort: printer.port,
    central,
    dnie: { terminalConfigFile: dnie.terminalConfigFile, trustAnchorsDir: anchorsDir },
    screen: { goodbyeSeconds: 3 },
  });
  [stack, browser] = await Promise.all([startStack(configFile), launchChromium()]);
  expect((await stack.syncNow()).round.ok).toBe(true);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await dnie?.stop();
  await printer?.stop();
  await central?.dispose();
  release?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const pages = e2ePages(() => ({ browser, stack }));
/** A new page on the first screen, with nobody's session on it. */
const freshPage = () => pages.fresh();

/** Language, "volante", its kind: the kiosk then asks for the DNIe. */
async function askForVolante(page: Page, language: LanguageCode, kind: VolanteKind): Promise<void> {
  const t = catalogues[language].session;
  await page.getByRole('button', { name: catalogues[language].languageName, exact: true }).click();
  await page.getByRole('button', { name: new RegExp(t.service.volante.name) }).click();
  await page.locator('main[data-step="volante_kind"]').waitFor();
  const name = kind === 'individual' ? t.volanteKind.individual.name : t.volanteKind.colectivo.name;
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.locator('main[data-step="identification"]').waitFor();
}

/** Types on the on-screen pad, switching between digits and capital letters as needed. */
async function tapPin(page: Page, pin: string): Promise<void> {
  for (const char of pin) {
    const digit = /[0-9]/.test(char);
    const inLetters = (await page.locator('.pin-keys-letters').count()) === 1;
    if (digit === inLetters) await page.locator('.pin-mode').click();
    await page.locator(`.pin-key[data-key="${char}"]`).click();
  }
}

async function pullCardAndWaitForIdle(page: Page): Promise<void> {
  await dnie.remove();
  await page.locator('main[data-step="idle"]').waitFor({ timeout: 20_000 });
}

describe('a volante de empadronamiento with the DNIe', { timeout: 120_000 }, () => {
  for (const [language, kind] of [
    ['es', 'individual'],
    ['eu', 'colectivo'],
  ] as const) {
    it(`${kind}: DNIe and PIN, preview, print, CSV verified at central (${language})`, async () => {
      const m = catalogues[language];
      const page = await freshPage();
      const tickets = printer.tickets().length;
      await askForVolante(page, language, kind);
      await screenshot(page, `volante-${kind}`, 'insert-card', language);
      await dnie.insert('adult');
      await page.locator('.pin-pad').waitFor({ timeout: 30_000 });
      await tapPin(page, PIN);
      await screenshot(page, `volante-${kind}`, 'pin', language);
      await page.getByRole('button', { name: m.identification.confirm, exact: true }).click();

      const preview = page.locator('main[data-step="volante_preview"]');
      await preview.waitFor({ timeout: 60_000 });
      expect(await preview.textContent()).toContain(m.session.preview.kinds[kind]);
      // Who the volante names, as the citizen reads it (the table's row headers).
      const names = await page.getByRole('rowheader').allTextContents();
      if (kind === 'individual') expect(names).toHaveLength(1);
      else expect(names.length).toBeGreaterThan(1);
      await screenshot(page, `volante-${kind}`, 'preview', language);
      await page.getByRole('button', { name: m.session.preview.confirm, exact: true }).click();

      const done = page.locator('main[data-step="volante_done"]');
      await done.waitFor({ timeout: 60_000 });
      expect(await done.textContent()).toContain(m.session.done.printed);
      const csv = /\bV[A-Z2-7]{24}\b/.exec((await done.textContent()) ?? '')?.[0];
      expect(csv).toBeDefined();
      await screenshot(page, `volante-${kind}`, 'done', language);

      // Central has the volante under that CSV, of that kind, sealed; the paper carries the same CSV.
      const verified = await central.verify(csv!);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ found: true, kind: 'volante', tipo: kind, seal: 'valid' });
      expect(names).toContain((verified.body.titular as { nombre: string }).nombre);
      const ticket = await printer.waitForTicket(tickets);
      expect(ticket.complete).toBe(true);
      const paper = ticket.text.replace(/\s+/g, ' ');
      expect(paper.replace(/\s/g, '')).toContain(csv);
      for (const name of names) expect(paper.toLowerCase()).toContain(name.toLowerCase());
      // The municipality's own texts (set on central, sealed in the document) are on the paper.
      expect(paper).toContain('no sustituye a la certificación de empadronamiento');
      expect(paper).toContain('Agencia Española de Protección de Datos');
      keepPaper(ticket.png, `volante-${kind}`, language);

      await page.getByRole('button', { name: m.session.finish, exact: true }).click();
      await page.locator('main[data-step="goodbye"]').waitFor();
      expect(await page.locator('.goodbye-card').textContent()).toBe(m.session.goodbye.takeCard);
      await screenshot(page, `volante-${kind}`, 'goodbye', language);
      await pullCardAndWaitForIdle(page);
      expect(await page.content()).not.toContain(csv);
      await page.close();
    });
  }

  it('the card pulled in the middle of the PIN ends the session and wipes the screen', async () => {
    const m = catalogues.es;
    const page = await freshPage();
    await askForVolante(page, 'es', 'individual');
    await dnie.insert('adult');
    await page.locator('.pin-pad').waitFor({ timeout: 30_000 });
    await tapPin(page, PIN.slice(0, 4));
    expect(await page.locator('.pin-dots').getAttribute('data-count')).toBe('4');
    await screenshot(page, 'card-pulled', 'mid-pin', 'es');
    await dnie.remove();
    // The session ends at once: nothing typed survives, the first screen is back.
    await page.locator('main[data-step="idle"], main[data-step="goodbye"]').first().waitFor();
    await screenshot(page, 'card-pulled', 'after', 'es');
    expect(await page.locator('.pin-pad').count()).toBe(0);
    await page.locator('main[data-step="idle"]').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: m.languageName, exact: true }).count()).toBe(1);
    await page.close();
  });
});
