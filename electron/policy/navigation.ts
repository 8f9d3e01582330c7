/**
 * What the window may load and where it may go. The screen is a single-page application: after the
 * first load nothing ever needs to navigate, so every navigation, redirect and new window is refused,
 * even towards our own origin (a link with `href="/"` would otherwise reload the screen and drop the
 * citizen's session).
 */
import { isAppUrl } from './app-origin.ts';

/** May the window's first load (or a reload after a crash) go to this URL? Only our own pages. */
export function mayLoadUrl(url: string): boolean {
  return isAppUrl(url);
}

export type NavigationKind =
  | 'will-navigate'
  | 'will-frame-navigate'
  | 'will-redirect'
  | 'will-attach-webview';

export interface NavigationDecision {
  readonly allow: false;
  readonly reason: string;
}

/** `will-navigate`, `will-frame-navigate`, `will-redirect`, `will-attach-webview`: never. */
export function navigationDecision(kind: NavigationKind, url: string): NavigationDecision {
  return {
    allow: false,
    reason: isAppUrl(url)
      ? `${kind} inside the app refused: the screen is one page`
      : `${kind} to a foreign URL refused`,
  };
}

/** `setWindowOpenHandler`: `window.open`, `target=_blank` and middle-click never open anything. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** A URL as it may appear in the logs: scheme and host only (a query could carry personal data). */
export function urlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable url)';
  }
}
