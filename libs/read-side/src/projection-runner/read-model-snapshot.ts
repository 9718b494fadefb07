import { createHash, Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UnreadEntity } from './projection';

export const READ_MODEL_SNAPSHOTS = Symbol('READ_MODEL_SNAPSHOTS');

/** Where the read models are saved, and after how many events of live updates they are saved again. */
export interface ReadModelSnapshotSettings {
  file: string;
  everyEvents: number;
}

/** The API's read models, in DATA_DIR. */
export const READ_MODELS_FILE = 'read-models.json';

/** Each save writes every read model whole, so not often: a restart then refolds at most this many events. */
export const SNAPSHOT_EVERY_EVENTS = 100_000;

/** The last event folded into a snapshot: where its stream has it, and its id, tie the snapshot to one log. */
export interface SnapshotEvent {
  id: string;
  streamId: string;
  revision: number;
}

/**
 * The read models as they stood at a position of the log, so a restart catches up from there instead of
 * folding the whole log again. `lastEvent` ties it to one log: a snapshot of another log is not used.
 */
export interface ReadModelSnapshot {
  position: number;
  lastEvent: SnapshotEvent;
  projections: Record<string, { version: number; entries: SnapshotEntry[] }>;
}

/** A key, its entity (parsed where `readSnapshot` read it, an UnreadEntity where `loadSnapshot` did) and its groups. */
export type SnapshotEntry = [key: string, entity: unknown, groups: readonly string[]];

/** An entry as it is written: its key, its entity (or the unread JSON of one) and the groups it is listed under. */
export type SnapshotEntryToWrite = Readonly<SnapshotEntry>;

/**
 * A snapshot as it is written: each read model's entries counted up front and handed over one at a time, so
 * the writer never needs them all as pairs, nor any JSON but the chunk it is making.
 */
export interface SnapshotToWrite {
  position: number;
  lastEvent: SnapshotEvent;
  projections: Record<string, { version: number; count: number; entries: Iterable<SnapshotEntryToWrite> }>;
}

/** A snapshot as read, to be written again, as it is or changed. */
export const snapshotToWrite = (snapshot: ReadModelSnapshot): SnapshotToWrite => ({
  position: snapshot.position,
  lastEvent: snapshot.lastEvent,
  projections: Object.fromEntries(Object.entries(snapshot.projections).map(([name, { version, entries }]) => [name, { version, count: entries.length, entries }])),
});

/** Snapshots of another layout are not read: the read models are folded from the log instead, and saved anew. */
const FORMAT = 2;

interface Header {
  format: number;
  position: number;
  lastEvent?: SnapshotEvent;
  projections: Record<string, { version: number; count: number }>;
}

/** The file is written, and read, in chunks of about this many bytes. */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const TAB = '\t';
const NO_GROUPS: readonly string[] = [];

/** The last line: a SHA-256 over every byte before it, so a changed byte anywhere is found. */
const trailer = (digest: string): string => `{"sha256":"${digest}"}\n`;
const TRAILER_BYTES = Buffer.byteLength(trailer('0'.repeat(64)));

/**
 * A header line, then one line per entry: the key and the groups as JSON, and the entity's JSON, apart by
 * tabs, which JSON never holds bare. A reader then finds each entity's JSON without parsing it, and a restart
 * parses an entity only when it is first asked for. The lines are handed out in chunks, never as one string:
 * a million events make about 200 MB, and V8 refuses strings past 512 MB.
 */
function* snapshotChunks(snapshot: SnapshotToWrite): Generator<string> {
  const header: Header = {
    format: FORMAT,
    position: snapshot.position,
    lastEvent: snapshot.lastEvent,
    projections: Object.fromEntries(Object.entries(snapshot.projections).map(([name, { version, count }]) => [name, { version, count }])),
  };
  let chunk: string[] = [`${JSON.stringify(header)}\n`];
  let length = 0;
  for (const { entries } of Object.values(snapshot.projections)) {
    for (const [key, entity, groups] of entries) {
      const json = entity instanceof UnreadEntity ? entity.json : JSON.stringify(entity);
      const line = `${JSON.stringify(key)}${TAB}${JSON.stringify(groups)}${TAB}${json}\n`;
      chunk.push(line);
      length += line.length;
      if (length >= CHUNK_BYTES) {
        yield chunk.join('');
        chunk = [];
        length = 0;
      }
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

/** The key of an entry: most are plain, and need no JSON.parse. */
const keyOf = (json: string): string => (json.includes('\\') ? (JSON.parse(json) as string) : json.slice(1, -1));
const EMPTY = Buffer.alloc(0);
const TAB_BYTE = 0x09;
const NO_GROUPS_JSON = Buffer.from('[]');

/**
 * Takes a snapshot's bytes in chunks, every byte but the trailer's, each into the digest, and the trailer at
 * the end. Undefined for a cut-off or changed file (one whose checksum does not match), and for one of
 * another layout; the caller then folds the log. `unread` keeps each entity as the bytes of its JSON (an
 * UnreadEntity): only keys and groups are decoded then.
 */
class SnapshotParser {
  private readonly hash: Hash = createHash('sha256');
  private snapshot?: ReadModelSnapshot;
  private header?: Header;
  private readonly pending: [string, { version: number; count: number }][] = [];
  private entries: SnapshotEntry[] = [];
  private rest: Buffer = EMPTY;
  private broken = false;

  constructor(private readonly unread: boolean) {}

  /** A chunk the parser may keep parts of: it must not be written to afterwards. */
  chunk(bytes: Buffer): void {
    this.hash.update(bytes);
    if (this.broken) return;
    try {
      let start = 0;
      if (this.rest.length > 0) {
        const first = bytes.indexOf(NEWLINE);
        if (first === -1) {
          this.rest = Buffer.concat([this.rest, bytes]);
          return;
        }
        const line = Buffer.concat([this.rest, bytes.subarray(0, first + 1)]);
        this.takeLines(line, 0, line.length);
        start = first + 1;
      }
      const end = Math.max(bytes.lastIndexOf(NEWLINE) + 1, start);
      this.takeLines(bytes, start, end);
      this.rest = end < bytes.length ? Buffer.from(bytes.subarray(end)) : EMPTY;
    } catch {
      this.broken = true;
    }
  }

  finish(last: Buffer): ReadModelSnapshot | undefined {
    const digest = this.hash.digest('hex');
    if (this.broken || this.rest.length > 0 || !last.equals(Buffer.from(trailer(digest)))) return undefined;
    return this.pending.length === 0 && this.entries.length === 0 ? this.snapshot : undefined;
  }

  private takeLines(bytes: Buffer, start: number, end: number): void {
    for (let at = start; at < end; ) {
      const stop = bytes.indexOf(NEWLINE, at);
      this.take(bytes, at, stop);
      at = stop + 1;
    }
  }

  private take(bytes: Buffer, start: number, stop: number): void {
    if (!this.header) {
      this.header = JSON.parse(bytes.toString('utf8', start, stop)) as Header;
      if (this.header.format !== FORMAT || !this.header.lastEvent) throw new Error('a snapshot of another layout');
      this.snapshot = { position: this.header.position, lastEvent: this.header.lastEvent, projections: {} };
      this.pending.push(...Object.entries(this.header.projections));
      this.next();
      return;
    }
    const current = this.pending[0];
    if (!current) throw new Error('entries past the last read model');
    const keyEnd = bytes.indexOf(TAB_BYTE, start);
    const groupsEnd = keyEnd === -1 ? -1 : bytes.indexOf(TAB_BYTE, keyEnd + 1);
    if (keyEnd === -1 || groupsEnd === -1 || groupsEnd >= stop) throw new Error('an entry without its key and groups');
    const key = keyOf(bytes.toString('utf8', start, keyEnd));
    const groups = bytes.subarray(keyEnd + 1, groupsEnd).equals(NO_GROUPS_JSON) ? NO_GROUPS : (JSON.parse(bytes.toString('utf8', keyEnd + 1, groupsEnd)) as string[]);
    const entity = this.unread ? new UnreadEntity(bytes.subarray(groupsEnd + 1, stop), groups) : JSON.parse(bytes.toString('utf8', groupsEnd + 1, stop));
    this.entries.push([key, entity, groups]);
    if (this.entries.length > current[1].count) throw new Error('more entries than counted');
    this.next();
  }

  /** Closes each read model whose entries are all read; one with none is closed without a line. */
  private next(): void {
    while (this.pending.length > 0 && this.entries.length === this.pending[0][1].count) {
      const [name, { version }] = this.pending.shift() as [string, { version: number; count: number }];
      (this.snapshot as ReadModelSnapshot).projections[name] = { version, entries: this.entries };
      this.entries = [];
    }
  }
}

/** Reads a snapshot whole, every entity parsed; undefined where it is missing, unreadable, cut off or changed. */
export const readSnapshot = (file: string): ReadModelSnapshot | undefined => {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buffer.length < TRAILER_BYTES) return undefined;
  const parser = new SnapshotParser(false);
  const contentEnd = buffer.length - TRAILER_BYTES;
  for (let start = 0; start < contentEnd; start += CHUNK_BYTES) parser.chunk(buffer.subarray(start, Math.min(start + CHUNK_BYTES, contentEnd)));
  return parser.finish(buffer.subarray(contentEnd));
};

/**
 * Reads a snapshot as `readSnapshot` does, a chunk at a time, each entity left unread (an UnreadEntity, which
 * a read model parses when it is first asked for): the event loop turns between chunks, so an API that
 * restores a large snapshot still answers meanwhile, and the file is never in memory whole.
 */
export const loadSnapshot = async (file: string): Promise<ReadModelSnapshot | undefined> => {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    if (size < TRAILER_BYTES) return undefined;
    const parser = new SnapshotParser(true);
    const contentEnd = size - TRAILER_BYTES;
    for (let position = 0; position < contentEnd; ) {
      const length = Math.min(CHUNK_BYTES, contentEnd - position);
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafeSlow(length), 0, length, position);
      if (bytesRead === 0) return undefined;
      parser.chunk(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    const last = Buffer.alloc(TRAILER_BYTES);
    const { bytesRead } = await handle.read(last, 0, TRAILER_BYTES, contentEnd);
    return bytesRead === TRAILER_BYTES ? parser.finish(last) : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
};

/** write(2) may take less than it is given; the rest follows until all is written. */
const writeAll = (fd: number, bytes: Buffer): void => {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
};

const writeChunks = (path: string, snapshot: SnapshotToWrite): void => {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (const chunk of snapshotChunks(snapshot)) {
      const bytes = Buffer.from(chunk, 'utf8');
      hash.update(bytes);
      writeAll(fd, bytes);
    }
    writeAll(fd, Buffer.from(trailer(hash.digest('hex'))));
  } finally {
    closeSync(fd);
  }
};

/**
 * Written beside and renamed into place, so a crash mid-write leaves the previous snapshot whole. A write
 * that fails removes what it wrote: on a full disk that part would hold on to the room the next write needs.
 * It holds the event loop until the file is written: for tools that do nothing else meanwhile.
 */
export const writeSnapshot = (file: string, snapshot: SnapshotToWrite): void => {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeChunks(temporary, snapshot);
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The write's own error says what went wrong; this one would hide it.
    }
    throw error;
  }
};

/**
 * Writes a snapshot as `writeSnapshot` does, a chunk of about a megabyte at a time, each handed to the file
 * before the next is made: the event loop turns between chunks, so requests are answered while a snapshot of
 * a million events is written, and the JSON in memory is one chunk, not the file.
 */
export const saveSnapshot = async (file: string, snapshot: SnapshotToWrite): Promise<void> => {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const hash = createHash('sha256');
    const handle = await open(temporary, 'w');
    try {
      for (const chunk of snapshotChunks(snapshot)) {
        const bytes = Buffer.from(chunk, 'utf8');
        hash.update(bytes);
        await handle.writeFile(bytes);
      }
      await handle.writeFile(trailer(hash.digest('hex')));
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
};
