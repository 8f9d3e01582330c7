import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandApdu, ResponseApdu } from './apdu.ts';
import { StatusWordError } from './errors.ts';
import { readCurrentFile, selectFid } from './file-access.ts';

/** A channel in front of a transparent file that gives at most `chunk` bytes (6Cxx already applied). */
function fileChannel(file: Uint8Array, chunk: number) {
  const log: CommandApdu[] = [];
  return {
    log,
    async transmit(command: CommandApdu): Promise<ResponseApdu> {
      log.push(command);
      if (command.ins === 0xa4) return { data: new Uint8Array(0), sw: 0x6a82 };
      const offset = (command.p1 << 8) | command.p2;
      if (offset >= file.length) return { data: new Uint8Array(0), sw: 0x6b00 };
      const n = Math.min(command.le ?? 256, chunk, file.length - offset);
      return { data: file.slice(offset, offset + n), sw: 0x9000 };
    },
  };
}

describe('readCurrentFile', () => {
  it('learns the chunk from the first answer and reads on with it', async () => {
    const file = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const channel = fileChannel(file, 0xef);
    const result = await readCurrentFile(channel);
    expect(result.data).toEqual(file);
    expect(result.chunk).toBe(0xef);
    expect(channel.log.map((c) => c.le)).toEqual([256, 0xef, 0xef, 0xef, 0xef]);
  });

  it('property: any file and chunk read back whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 256 }),
        async (file, chunk) => {
          expect((await readCurrentFile(fileChannel(file, chunk))).data).toEqual(file);
        },
      ),
    );
  });

  it('SELECT of a missing file is a StatusWordError with 6A82', async () => {
    await expect(selectFid(fileChannel(new Uint8Array(1), 1), 0x1234)).rejects.toSatisfy(
      (error) => error instanceof StatusWordError && error.sw === 0x6a82,
    );
  });
});
