import { readFileSync } from 'node:fs';

/** The software version, from package.json: what kioskctl and the heartbeat report. */
export const SOFTWARE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
