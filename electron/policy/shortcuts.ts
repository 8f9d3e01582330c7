/**
 * Keys a passer-by could use to leave the screen or break it: devtools, reload, zoom, close, print,
 * find, full-screen toggles, browser navigation. The application menu is removed too (so its default
 * accelerators vanish), but `before-input-event` is the guard that works under a Wayland compositor,
 * where global shortcuts cannot be grabbed (docs/electron-lockdown.md §5).
 *
 * The screen itself needs only printable keys, Enter, Backspace, Tab, Escape and the arrows (a
 * keyboard may be attached for accessibility); everything with Ctrl, Alt or Meta, and every F-key, is
 * swallowed.
 */

/** The fields of Electron's `Input` this decision reads. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly code?: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
}

/** Keys swallowed even without a modifier. */
const BARE_KEYS = new Set([
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserStop',
  'ContextMenu',
  'Print',
  'PrintScreen',
  'ZoomIn',
  'ZoomOut',
  'ZoomToggle',
  'Close',
  'Open',
  'Save',
  'Help',
  'LaunchApplication1',
  'LaunchApplication2',
  'LaunchMail',
  'LaunchWebBrowser',
]);

const F_KEY = /^F([1-9]|1[0-9]|2[0-4])$/;

export type ShortcutVerdict =
  | { readonly swallow: false }
  | { readonly swallow: true; readonly reason: string };

export function shortcutVerdict(input: KeyInput): ShortcutVerdict {
  if (F_KEY.test(input.key))
    return { swallow: true, reason: 'function key (F5 reload, F11 full screen, F12 devtools)' };
  if (BARE_KEYS.has(input.key)) return { swallow: true, reason: 'browser or system key' };
  if (input.control)
    return { swallow: true, reason: 'Ctrl combination (reload, close, zoom, devtools, print, find)' };
  if (input.meta) return { swallow: true, reason: 'Meta combination' };
  if (input.alt) return { swallow: true, reason: 'Alt combination (Alt+F4, Alt+arrows, menu)' };
  return { swallow: false };
}
