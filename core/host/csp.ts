/**
 * The Content-Security-Policy of the kiosk's screen, the same in browser mode and in Electron: only
 * our own scripts and styles, no inline script, no eval, no plugins, no framing, no form posts, and the
 * one connection the screen needs (the KioskApi).
 */
export function contentSecurityPolicy(apiOrigin: string | null): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self'",
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response of the screen carries. */
export function securityHeaders(apiOrigin: string | null): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(apiOrigin),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
  };
}
