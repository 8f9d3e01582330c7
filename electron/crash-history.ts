/**
 * The instants of recent main-process failures, kept in a small JSON file in the data folder so the
 * back-off (policy/relaunch.ts) survives the relaunch it schedules. A missing or damaged file is an
 * empty history: recovery must never fail because of its own bookkeeping.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function readCrashHistory(file: string): number[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed)
      ? parsed.filter((t): t is number => typeof t === 'number' && Number.isFinite(t))
      : [];
  } catch {
    return [];
  }
}

export function writeCrashHistory(file: string, history: readonly number[]): void {
  try {
    writeFileSync(file, JSON.stringify(history));
  } catch {
    // A read-only or full disk: relaunch anyway, with the shortest delay next time.
  }
}
