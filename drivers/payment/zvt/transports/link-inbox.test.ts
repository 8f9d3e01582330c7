import { describe, expect, it } from 'vitest';
import { POSITIVE_ACK } from '../apdu.ts';
import { ZvtDecodeError } from '../errors.ts';
import { LinkInbox } from './link-inbox.ts';

describe('LinkInbox', () => {
  it('delivers in order, to a waiter or from the queue', async () => {
    const inbox = new LinkInbox();
    const waiting = inbox.receive(1_000);
    inbox.pushApdu(POSITIVE_ACK);
    expect((await waiting).kind).toBe('apdu');
    inbox.pushError(new ZvtDecodeError('zvt.crc_mismatch', 'x'));
    inbox.pushApdu(POSITIVE_ACK);
    expect((await inbox.receive(0)).kind).toBe('error');
    expect((await inbox.receive(0)).kind).toBe('apdu');
  });

  it('times out, and closes after delivering what was queued', async () => {
    const inbox = new LinkInbox();
    expect(await inbox.receive(5)).toEqual({ kind: 'timeout' });
    inbox.pushApdu(POSITIVE_ACK);
    inbox.close('gone');
    expect((await inbox.receive(5)).kind).toBe('apdu');
    expect(await inbox.receive(5)).toEqual({ kind: 'closed', detail: 'gone' });
    inbox.pushApdu(POSITIVE_ACK);
    expect(inbox.size).toBe(0);
  });

  it('an unbounded wait really waits', async () => {
    const inbox = new LinkInbox();
    const waiting = inbox.receive(Number.POSITIVE_INFINITY);
    await new Promise((r) => setTimeout(r, 20));
    inbox.pushApdu(POSITIVE_ACK);
    expect((await waiting).kind).toBe('apdu');
  });

  it('close wakes a waiting receive at once', async () => {
    const inbox = new LinkInbox();
    const waiting = inbox.receive(60_000);
    inbox.close('port removed');
    expect(await waiting).toEqual({ kind: 'closed', detail: 'port removed' });
  });
});
