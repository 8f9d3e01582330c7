/**
 * The card's file tree (dnie.md §3): the MF `3F00` with DF name "Master.File", DFs and transparent EFs
 * addressed by 2-byte FIDs one level at a time. The FCI carries the DNIe's proprietary type byte first in
 * tag 85: 01 transparent EF, 15 key EF, 24 compressed certificate, 38 DF.
 */
export const FILE_TYPE = { transparent: 0x01, key: 0x15, compressedCertificate: 0x24, df: 0x38 } as const;
export type FileType = (typeof FILE_TYPE)[keyof typeof FILE_TYPE];

/** Why the card refuses to read a file; each maps to a status word in the READ BINARY handler. */
export type ReadRule = 'free' | 'never' | 'pin';

export interface ElementaryFile {
  readonly kind: 'ef';
  readonly fid: number;
  readonly type: FileType;
  readonly data: Uint8Array;
  readonly read: ReadRule;
}

export interface DedicatedFile {
  readonly kind: 'df';
  readonly fid: number;
  /** DF name for SELECT by name (P1=04), when it has one. */
  readonly name?: Uint8Array;
  readonly children: ReadonlyArray<DedicatedFile | ElementaryFile>;
}

export type CardFile = DedicatedFile | ElementaryFile;

export const MF_FID = 0x3f00;
/** "Master.File": OpenSC selects the MF by this DF name (dnie.md §3). */
export const MF_NAME = new TextEncoder().encode('Master.File');

export function ef(
  fid: number,
  data: Uint8Array,
  type: FileType = FILE_TYPE.transparent,
  read: ReadRule = 'free',
): ElementaryFile {
  return { kind: 'ef', fid, type, data, read };
}

export function df(fid: number, children: CardFile[], name?: Uint8Array): DedicatedFile {
  return name === undefined ? { kind: 'df', fid, children } : { kind: 'df', fid, name, children };
}

/** A path of FIDs below the MF, e.g. [0x6081, 0x7004]. */
export function findByPath(
  mf: DedicatedFile,
  path: readonly number[],
): { file: CardFile; parents: DedicatedFile[] } | undefined {
  let current: CardFile = mf;
  const parents: DedicatedFile[] = [];
  for (const fid of path) {
    if (current.kind !== 'df') return undefined;
    const next: CardFile | undefined = current.children.find((child) => child.fid === fid);
    if (next === undefined) return undefined;
    parents.push(current);
    current = next;
  }
  return { file: current, parents };
}

export function findDfByName(
  root: DedicatedFile,
  name: Uint8Array,
): { file: DedicatedFile; parents: DedicatedFile[] } | undefined {
  const equal = (a: Uint8Array, b: Uint8Array): boolean =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  const walk = (
    dir: DedicatedFile,
    parents: DedicatedFile[],
  ): { file: DedicatedFile; parents: DedicatedFile[] } | undefined => {
    if (dir.name !== undefined && equal(dir.name, name)) return { file: dir, parents };
    for (const child of dir.children) {
      if (child.kind !== 'df') continue;
      const found = walk(child, [...parents, dir]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(root, []);
}

/**
 * FCI: `6F L { 82 01 desc, 83 02 FID, [84 name], 85 05 <type FID(2) size(2)> }`. The order of the bytes
 * after the type in tag 85 (FID then size) is our assumption, not confirmed against a real card.
 */
export function fciOf(file: CardFile): Uint8Array {
  const size = file.kind === 'ef' ? file.data.length : 0;
  const type = file.kind === 'ef' ? file.type : FILE_TYPE.df;
  const descriptor = file.kind === 'ef' ? 0x01 : 0x38;
  const body: number[] = [0x82, 0x01, descriptor, 0x83, 0x02, file.fid >> 8, file.fid & 0xff];
  if (file.kind === 'df' && file.name !== undefined) body.push(0x84, file.name.length, ...file.name);
  body.push(0x85, 0x05, type, file.fid >> 8, file.fid & 0xff, (size >> 8) & 0xff, size & 0xff);
  return Uint8Array.from([0x6f, body.length, ...body]);
}
