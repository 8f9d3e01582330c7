/** Starts the real browser-mode host on a free loopback port with a throw-away data folder. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { DeviceKind } from '../../core/api/contract.ts';
import { type BrowserHost, startBrowserHost } from '../../core/host/browser-host.ts';
import type { IdentifyCard } from '../../core/identification/index.ts';
import { createLogger } from '../../core/log/logger.ts';
import { DEMO_CONFIG_FILE, parseKioskConfigText } from '../../kiosk-config/index.ts';

export interface TestHost extends BrowserHost {
  /** Every log line the host wrote, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  readonly origin: string;
  stop(): Promise<void>;
}

/** The raw JSON of a configuration as a test edits it: any shape, valid or not, is the point. */
// biome-ignore lint/suspicious/noExplicitAny: tests write arbitrary, even invalid, configuration JSON
export type RawConfig = any;

export function demoConfigText(change: (config: RawConfig) => void = () => undefined): string {
  const config = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8'));
  change(config);
  return JSON.stringify(config);
}

export async function startTestHost(
  options: {
    change?: (config: RawConfig) => void;
    rendererDir?: string;
    dataDir?: string;
    port?: number;
    /** Devices core starts; the DNIe reader (pcscd, shared by the machine) only when a test asks. */
    devices?: readonly DeviceKind[];
    /** A fake DNIe identification (screen tests without pcscd). */
    identify?: IdentifyCard;
  } = {},
): Promise<TestHost> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'cajero-test-'));
  const text = demoConfigText((config) => {
    config.dataDir = dataDir;
    // No device at a fixed port: tests run in parallel. Port 1 on loopback refuses at once; a test
    // with a device of its own sets the connection in `change`.
    config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port: 1 };
    config.devices.paymentTerminal.connection = { transport: 'tcp', host: '127.0.0.1', port: 1 };
    config.devices.scanner = { type: 'none' };
    config.simulators = { dnie: false, paymentTerminal: false, printer: false, scanner: false };
    options.change?.(config);
  });
  const loaded = parseKioskConfigText(text, path.join(dataDir, 'kiosk.json'));
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ destination, level: 'debug', component: 'test-host' });
  const port = options.port ?? 0;
  const devices = options.devices ?? ['printer', 'paymentTerminal', 'scanner'];
  const host = await startBrowserHost({
    loaded,
    logger,
    port,
    devices,
    companions: false,
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
    ...(options.identify ? { identify: options.identify } : {}),
  });
  return {
    ...host,
    logs,
    origin: host.url.replace(/\/$/, ''),
    stop: async () => {
      await host.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
