/**
 * The kiosk screen's one origin. The built renderer is served under our own privileged scheme, never
 * from `file://` (Electron security checklist item 18), so every other decision (navigation, IPC
 * sender, CSP 'self') can compare against a single, exact origin.
 */
export const APP_SCHEME = 'cajero';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window opens. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origin of a URL, computed by hand: Node's WHATWG parser gives `null` as the origin of a
 * non-special scheme such as ours, and Chromium's own answer comes from the registration as
 * `standard`, which plain Node cannot see.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True for a URL of our own origin, with no user info (which could disguise another host). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  return originOf(url) === APP_ORIGIN;
}
