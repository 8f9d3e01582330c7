/**
 * Which file of the built screen a `cajero://app/...` request names. Pure path arithmetic: the folder
 * cannot be escaped with `..`, encoded separators, absolute paths, a NUL byte or a foreign host, and
 * an unknown path falls back to index.html (the screen is a single-page application).
 */
import path from 'node:path';
import { SCREEN_CONTENT_TYPES } from '../../core/host/static-files.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

export const APP_CONTENT_TYPES = SCREEN_CONTENT_TYPES;

export type AppFileRequest =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

export function resolveAppFile(root: string, url: string, method = 'GET'): AppFileRequest {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: 'method' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'unparseable url' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 403, reason: 'foreign origin' };
  }
  // Encoded separators are refused before decoding: `%2F` and `%5C` have no business in our asset names.
  if (/%2f|%5c|%00/i.test(parsed.pathname)) return { ok: false, status: 400, reason: 'encoded separator' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad escape' };
  }
  if (pathname.includes('\0') || pathname.includes('\\'))
    return { ok: false, status: 400, reason: 'bad character' };
  const base = path.resolve(root);
  const relative = pathname === '' || pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const file = path.resolve(base, `.${relative}`);
  if (!file.startsWith(base + path.sep))
    return { ok: false, status: 404, reason: 'outside the screen folder' };
  const extension = path.extname(file);
  const contentType = APP_CONTENT_TYPES[extension];
  // Anything without a known asset extension is a route of the single-page app: serve the page.
  if (contentType === undefined) {
    if (extension !== '') return { ok: false, status: 404, reason: 'unknown file type' };
    return { ok: true, file: path.join(base, 'index.html'), contentType: APP_CONTENT_TYPES['.html']! };
  }
  return { ok: true, file, contentType };
}
