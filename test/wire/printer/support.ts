/**
 * Helpers of the printer wire tests: read a QR back from the emulator's PNG with an independent
 * decoder (jsQR), and keep the PNGs where a person can look at them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';

// jsqr is a CommonJS bundle whose types declare a default export; take whichever shape arrives.
type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { data: string } | null;
const jsQRShape = jsQRModule as unknown as JsQr & { default?: JsQr };
const jsQR: JsQr = jsQRShape.default ?? jsQRShape;

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../../../.test-results/printer');

/** The text of the QR code jsQR finds in the PNG's pixels, or null. */
export async function decodeQrFromPng(png: Buffer): Promise<string | null> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, image.width, image.height);
  return jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** Writes the PNG under .test-results/printer/ and returns its path. */
export function savePng(name: string, png: Buffer): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  writeFileSync(file, png);
  return file;
}
