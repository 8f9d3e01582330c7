import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { startWatchdog, systemdNotify, watchdogSettings } from './watchdog.ts';

describe('watchdog settings from the environment', () => {
  it('reads NOTIFY_SOCKET and WATCHDOG_USEC, and is off without a socket', () => {
    expect(watchdogSettings({})).toBeNull();
    expect(watchdogSettings({ NOTIFY_SOCKET: '' })).toBeNull();
    expect(watchdogSettings({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '30000000' })).toEqual({
      socketPath: '/run/systemd/notify',
      timeoutMs: 30_000,
    });
    expect(watchdogSettings({ NOTIFY_SOCKET: '@abstract', WATCHDOG_USEC: 'soon' })).toEqual({
      socketPath: '@abstract',
      timeoutMs: null,
    });
  });
});

describe('watchdog pings', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings at half the interval while healthy, and withholds pings when not', async () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    let healthy = true;
    const dog = startWatchdog({
      settings: { socketPath: '/fake/notify', timeoutMs: 30_000 },
      logger: silentLogger(),
      isHealthy: () => healthy,
      notify: async (state) => {
        sent.push(state);
      },
    });
    await dog.ready();
    await vi.advanceTimersByTimeAsync(15_000);
    healthy = false;
    await vi.advanceTimersByTimeAsync(30_000);
    healthy = true;
    await vi.advanceTimersByTimeAsync(15_000);
    dog.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['READY=1', 'WATCHDOG=1', 'WATCHDOG=1']);
  });

  it('does nothing outside systemd, and survives a failing notifier', async () => {
    const off = startWatchdog({ settings: null, logger: silentLogger(), isHealthy: () => true });
    await expect(off.ping()).resolves.toBe(false);
    const failing = startWatchdog({
      settings: { socketPath: '/fake', timeoutMs: null },
      logger: silentLogger(),
      isHealthy: () => true,
      notify: () => Promise.reject(new Error('no systemd-notify')),
    });
    await expect(failing.ping()).resolves.toBe(false);
  });
});

const FAKE_SYSTEMD = `
import array, os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
while True:
    msg, anc, _flags, _addr = s.recvmsg(4096, socket.CMSG_SPACE(64))
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array('i')
            fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
            for fd in fds:
                os.close(fd)
    print(msg.decode(), flush=True)
`;

describe('systemd-notify on a fake notify socket', () => {
  let listener: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    listener?.kill();
    listener = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers WATCHDOG=1 as a datagram', async () => {
    const tools = ['systemd-notify', 'python3'].filter((t) => spawnSync('which', [t]).status !== 0);
    if (tools.length > 0)
      throw new Error(`this test needs ${tools.join(' and ')} (apt-get install systemd python3)`);
    dir = mkdtempSync(path.join(tmpdir(), 'cajero-notify-'));
    const socket = path.join(dir, 'notify');
    // A few lines of Python stand in for systemd: print each datagram, and close the file descriptors
    // it carries, which is how systemd answers systemd-notify's BARRIER=1.
    listener = spawn('python3', ['-c', FAKE_SYSTEMD, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
    let received = '';
    listener.stdout?.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const deadline = Date.now() + 3000;
    while (!existsSync(socket) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await systemdNotify(socket)('WATCHDOG=1');
    while (!received.includes('WATCHDOG=1') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(received).toContain('WATCHDOG=1');
  });
});
