/**
 * Checks of the screen as a person meets it, run inside the page: what a screen reader needs (names,
 * alt texts, heading order, language, focus), target sizes, contrast and clipping; and a recorder of what
 * the kiosk would say through the Web Speech API. No dependency beyond Playwright: small, explicit rules.
 */
import type { Page } from 'playwright-core';

/** Before the page loads: a `speechSynthesis` with a voice per kiosk language that records each utterance. */
export async function recordSpeech(
  page: Page,
  voices = ['es-ES', 'ca-ES', 'gl-ES', 'eu-ES', 'en-GB'],
): Promise<void> {
  await page.addInitScript((langs: string[]) => {
    const said: Array<{ text: string; lang: string; rate: number; volume: number }> = [];
    const fake = {
      getVoices: () =>
        langs.map((lang) => ({
          lang,
          name: `voz ${lang}`,
          default: false,
          localService: true,
          voiceURI: lang,
        })),
      speak: (u: { text: string; lang: string; rate: number; volume: number }) =>
        said.push({ text: u.text, lang: u.lang, rate: u.rate, volume: u.volume }),
      cancel: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    // The real utterance accepts only a real SpeechSynthesisVoice, which a page cannot make.
    class Utterance {
      text: string;
      lang = '';
      voice: unknown = null;
      rate = 1;
      volume = 1;
      constructor(text: string) {
        this.text = text;
      }
    }
    Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    Object.defineProperty(globalThis, 'speechSynthesis', { value: fake, configurable: true });
    Object.defineProperty(globalThis, '__said', { value: said });
  }, voices);
}

export function said(
  page: Page,
): Promise<Array<{ text: string; lang: string; rate: number; volume: number }>> {
  return page.evaluate(() => (globalThis as unknown as { __said: [] }).__said.slice());
}

/** Accessibility problems of what is on screen now, one line each; empty when none. */
export function accessibilityProblems(page: Page, minTargetPx = 48): Promise<string[]> {
  return page.locator('html').evaluate((root, min) => {
    const { document } = root.ownerDocument.defaultView;
    const getComputedStyle = (el: typeof root) => document.defaultView.getComputedStyle(el);
    const problems: string[] = [];
    const visible = (el: typeof root) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return (
        box.width > 0 &&
        box.height > 0 &&
        style.visibility !== 'hidden' &&
        !el.closest('[aria-hidden="true"]')
      );
    };
    const nameOf = (el: typeof root): string => {
      const label = el.getAttribute('aria-label');
      if (label) return label.trim();
      const by = el.getAttribute('aria-labelledby');
      if (by)
        return by
          .split(' ')
          .map((id: string) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim();
      if (el instanceof document.defaultView.HTMLInputElement && el.labels && el.labels.length > 0)
        return [...el.labels]
          .map((l) => l.textContent ?? '')
          .join(' ')
          .trim();
      return (el.textContent ?? '').trim();
    };
    const lang = document.documentElement.lang;
    if (!/^(es|ca|gl|eu|en)$/.test(lang)) problems.push(`html lang is "${lang}"`);
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]')) {
      if (!visible(el)) continue;
      const name = nameOf(el);
      const what = `${el.tagName.toLowerCase()}.${el.className}`;
      if (name === '') problems.push(`${what} has no accessible name`);
      // A tick box is as large as its label, which is what the finger touches.
      const target =
        el instanceof document.defaultView.HTMLInputElement && el.labels?.[0] ? el.labels[0] : el;
      const box = target.getBoundingClientRect();
      if (box.height < min || box.width < min)
        problems.push(`${what} "${name}" is ${Math.round(box.width)}×${Math.round(box.height)} px`);
    }
    for (const img of document.querySelectorAll('img'))
      if (!img.hasAttribute('alt')) problems.push(`img ${img.src} has no alt`);
    for (const svg of document.querySelectorAll('svg'))
      if (visible(svg) && svg.getAttribute('aria-hidden') !== 'true' && !svg.getAttribute('aria-label'))
        problems.push('svg without a name or aria-hidden');
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible);
    const levels = headings.map((h) => Number(h.tagName[1]));
    if (levels.filter((l) => l === 1).length !== 1)
      problems.push(`${levels.filter((l) => l === 1).length} h1 on screen`);
    if (levels[0] !== 1) problems.push('the first heading is not h1');
    levels.forEach((level, i) => {
      if (i > 0 && level > (levels[i - 1] ?? 0) + 1)
        problems.push(`heading h${level} after h${levels[i - 1]}`);
    });
    for (const h of headings) if ((h.textContent ?? '').trim() === '') problems.push(`empty ${h.tagName}`);
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    for (const id of new Set(ids))
      if (ids.filter((x) => x === id).length > 1) problems.push(`id "${id}" repeated`);
    for (const el of document.querySelectorAll('[aria-labelledby]'))
      for (const id of (el.getAttribute('aria-labelledby') ?? '').split(' '))
        if (!document.getElementById(id)) problems.push(`aria-labelledby points at missing #${id}`);
    return problems;
  }, minTargetPx);
}

/** Text whose contrast with what is behind it is below `min` (WCAG 1.4.6 AAA: 7), one line each. */
export function contrastProblems(page: Page, min: number): Promise<string[]> {
  return page.locator('html').evaluate((root, least) => {
    const { document } = root.ownerDocument.defaultView;
    const getComputedStyle = (el: typeof root) => document.defaultView.getComputedStyle(el);
    const rgb = (css: string): [number, number, number, number] => {
      const m = css.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a] = (m[1] ?? '')
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r ?? 0, g ?? 0, b ?? 0, a ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
    };
    const background = (el: typeof root): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const bg = rgb(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0.5) return bg;
      }
      return [255, 255, 255, 1];
    };
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, document.defaultView.NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || (node.textContent ?? '').trim() === '') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest('.visually-hidden, [aria-hidden="true"], :disabled')) continue;
      const fg = luminance(rgb(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < least)
        problems.push(`"${(node.textContent ?? '').trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`);
    }
    return problems;
  }, min);
}

/** Content cut off: the page scrolls sideways, or a control's text does not fit inside it. */
export function clippingProblems(page: Page): Promise<string[]> {
  return page.locator('html').evaluate((root) => {
    const document = root.ownerDocument;
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`page ${root.scrollWidth} px wide in ${root.clientWidth}`);
    for (const el of document.querySelectorAll('button, h1, h2, p, dd, td, th, label')) {
      if (el.getBoundingClientRect().width === 0 || el.closest('.visually-hidden')) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        problems.push(
          `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" overflows`,
        );
    }
    return problems;
  });
}
