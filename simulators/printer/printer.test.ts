import { describe, expect, it } from 'vitest';
import { EmulatedPrinter } from './printer.ts';

const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;
const CUT = [GS, 0x56, 66, 0];

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

function send(p: EmulatedPrinter, ...parts: (number | number[])[]) {
  return p.receive(Uint8Array.from(parts.flat()));
}

describe('EmulatedPrinter', () => {
  it('answers DLE EOT from the current condition, before non-real-time answers', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    expect(Array.from(send(p, GS, 0x72, 1, DLE, 0x04, 4).reply)).toEqual([0x12, 0x00]);
    p.setState({ paperOut: true });
    expect(Array.from(send(p, DLE, 0x04, 1, DLE, 0x04, 2, DLE, 0x04, 4).reply)).toEqual([0x1a, 0x32, 0x7e]);
  });

  it('a document interrupted by paper out is finished as incomplete', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    send(p, ascii('linea 1'), LF);
    p.setState({ paperOut: true });
    send(p, ascii('linea 2'), LF);
    p.setState({ paperOut: false });
    const { finished } = send(p, ascii('linea 3'), LF, CUT);
    expect(finished).toHaveLength(1);
    expect(finished[0]?.complete).toBe(false);
    expect(finished[0]?.interruptedBy).toBe('paper_out');
    expect(finished[0]?.text).toBe('linea 1\nlinea 3');
  });

  it('data sent while paper is out never becomes a finished document', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    p.setState({ paperOut: true });
    const { finished } = send(p, ascii('volante'), LF, CUT);
    expect(finished.map((d) => [d.complete, d.text])).toEqual([[false, '']]);
    p.setState({ paperOut: false });
    const next = send(p, ascii('siguiente'), LF, CUT).finished;
    expect(next.map((d) => [d.complete, d.text])).toEqual([[true, 'siguiente']]);
  });

  it('paper near end still prints complete documents', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    p.setState({ paperNearEnd: true });
    expect(send(p, ascii('ok'), LF, CUT).finished[0]?.complete).toBe(true);
  });

  it('off: no answers, nothing recorded; power loss ends the open document incomplete', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    send(p, ascii('medio'), LF);
    const lost = p.setState({ power: 'off' }).finished;
    expect(lost.map((d) => [d.complete, d.interruptedBy, d.text])).toEqual([[false, 'off', 'medio']]);
    expect(send(p, DLE, 0x04, 1, ascii('x'), LF, CUT)).toEqual({ reply: new Uint8Array(0), finished: [] });
    p.setState({ power: 'on' });
    expect(Array.from(send(p, DLE, 0x04, 1).reply)).toEqual([0x12]);
  });

  it('GS a enables automatic status back: 4 bytes now and on every change', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    expect(Array.from(send(p, GS, 0x61, 0x0f).reply)).toEqual([0x10, 0, 0, 0]);
    expect(Array.from(p.setState({ coverOpen: true }).reply)).toEqual([0x38, 0, 0, 0]);
    expect(Array.from(p.setState({ coverOpen: true }).reply)).toEqual([]);
    send(p, GS, 0x61, 0);
    expect(Array.from(p.setState({ coverOpen: false }).reply)).toEqual([]);
  });

  it('runs out of paper after N received bytes, in the middle of a chunk', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    p.runOutOfPaperAfter(10);
    // 'linea 1' + LF is 8 bytes; 2 more reach the paper ('li'), the rest is lost.
    const { reply, finished } = send(p, ascii('linea 1'), LF, ascii('linea 2'), LF, DLE, 0x04, 4, CUT);
    expect(Array.from(reply)).toEqual([0x7e]);
    expect(finished.map((d) => [d.complete, d.interruptedBy, d.text])).toEqual([
      [false, 'paper_out', 'linea 1'],
    ]);
    expect(p.state().paperOut).toBe(true);
    p.setState({ paperOut: false });
    expect(send(p, ascii('nuevo rollo'), LF, CUT).finished.map((d) => d.complete)).toEqual([true]);
  });

  it('counts the paper left across chunks', () => {
    const p = new EmulatedPrinter({ paperWidthDots: 576 });
    p.runOutOfPaperAfter(5);
    send(p, ascii('abc'));
    expect(p.state().paperOut).toBe(false);
    send(p, ascii('de'));
    expect(p.state().paperOut).toBe(true);
  });
});
