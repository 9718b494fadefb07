import { createHash, Hash } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

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
  projections: Record<string, { version: number; entries: [string, unknown][] }>;
}

/**
 * A snapshot as it is written: each read model's entries counted up front and handed over one at a time, so
 * the writer never needs them all as pairs, nor any JSON but the line it is making.
 */
export interface SnapshotToWrite {
  position: number;
  lastEvent: SnapshotEvent;
  projections: Record<string, { version: number; count: number; entries: Iterable<readonly [string, unknown]> }>;
}

interface Header {
  position: number;
  lastEvent?: SnapshotEvent;
  projections: Record<string, { version: number; count: number }>;
}

/** Entries are written in lines of about this many characters. */
const LINE_CHARACTERS = 1 << 20;
const NEWLINE = 0x0a;

/** The last line: a SHA-256 over every byte before it, so a changed byte anywhere is found. */
const trailer = (digest: string): string => `{"sha256":"${digest}"}\n`;

const toWrite = (snapshot: ReadModelSnapshot): SnapshotToWrite => ({
  position: snapshot.position,
  lastEvent: snapshot.lastEvent,
  projections: Object.fromEntries(Object.entries(snapshot.projections).map(([name, { version, entries }]) => [name, { version, count: entries.length, entries }])),
});

/**
 * A header line, then each read model's entries as lines of JSON arrays of about a megabyte each, never the
 * whole snapshot as one string: a million events make about 200 MB of JSON, and V8 refuses strings past
 * 512 MB, which a few million more would reach.
 */
function* snapshotLines(snapshot: SnapshotToWrite): Generator<string> {
  const header: Header = {
    position: snapshot.position,
    lastEvent: snapshot.lastEvent,
    projections: Object.fromEntries(Object.entries(snapshot.projections).map(([name, { version, count }]) => [name, { version, count }])),
  };
  yield `${JSON.stringify(header)}\n`;
  for (const { entries } of Object.values(snapshot.projections)) {
    let line: string[] = [];
    let length = 0;
    for (const entry of entries) {
      const json = JSON.stringify(entry);
      line.push(json);
      length += json.length;
      if (length >= LINE_CHARACTERS) {
        yield `[${line.join(',')}]\n`;
        line = [];
        length = 0;
      }
    }
    if (line.length > 0) yield `[${line.join(',')}]\n`;
  }
}

/**
 * Takes a snapshot's lines one by one, each checked into the digest, and its last line, the trailer, at the
 * end. Undefined for a cut-off or changed file (one whose checksum does not match), and for one written
 * before snapshots named where their last event is in its stream; the caller then folds the log.
 */
class SnapshotParser {
  private readonly hash: Hash = createHash('sha256');
  private snapshot?: ReadModelSnapshot;
  private header?: Header;
  private readonly pending: [string, { version: number; count: number }][] = [];
  private entries: [string, unknown][] = [];
  private broken = false;

  line(bytes: Buffer): void {
    this.hash.update(bytes);
    if (this.broken) return;
    try {
      this.take(bytes.toString('utf8', 0, bytes.length - 1));
    } catch {
      this.broken = true;
    }
  }

  finish(last: Buffer | undefined): ReadModelSnapshot | undefined {
    const digest = this.hash.digest('hex');
    if (this.broken || !last || !last.equals(Buffer.from(trailer(digest)))) return undefined;
    return this.pending.length === 0 && this.entries.length === 0 ? this.snapshot : undefined;
  }

  private take(text: string): void {
    if (!this.header) {
      this.header = JSON.parse(text) as Header;
      if (!this.header.lastEvent) throw new Error('a snapshot without its last event');
      this.snapshot = { position: this.header.position, lastEvent: this.header.lastEvent, projections: {} };
      this.pending.push(...Object.entries(this.header.projections));
      this.next();
      return;
    }
    const current = this.pending[0];
    if (!current) throw new Error('entries past the last read model');
    for (const entry of JSON.parse(text) as [string, unknown][]) this.entries.push(entry);
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

/** Reads a snapshot whole; undefined where it is missing, unreadable, cut off or changed. */
export const readSnapshot = (file: string): ReadModelSnapshot | undefined => {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buffer.length === 0 || buffer[buffer.length - 1] !== NEWLINE) return undefined;
  const parser = new SnapshotParser();
  const contentEnd = buffer.lastIndexOf(NEWLINE, buffer.length - 2) + 1;
  for (let start = 0; start < contentEnd; ) {
    const end = buffer.indexOf(NEWLINE, start) + 1;
    parser.line(buffer.subarray(start, end));
    start = end;
  }
  return parser.finish(buffer.subarray(contentEnd));
};

/**
 * Reads a snapshot as `readSnapshot` does, a chunk at a time: the event loop turns between chunks, so an API
 * that restores a large snapshot still answers meanwhile, and the file is never in memory whole.
 */
export const loadSnapshot = async (file: string): Promise<ReadModelSnapshot | undefined> => {
  const parser = new SnapshotParser();
  // The line before the current one: the trailer is known as the last line only at the end.
  let held: Buffer | undefined;
  let partial: Buffer[] = [];
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: LINE_CHARACTERS }) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        const line = partial.length === 0 ? chunk.subarray(start, end + 1) : Buffer.concat([...partial, chunk.subarray(start, end + 1)]);
        partial = [];
        if (held) parser.line(held);
        held = line;
        start = end + 1;
      }
      if (start < chunk.length) partial.push(chunk.subarray(start));
    }
  } catch {
    return undefined;
  }
  return partial.length === 0 ? parser.finish(held) : undefined;
};

/** write(2) may take less than it is given; the rest follows until all is written. */
const writeAll = (fd: number, bytes: Buffer): void => {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
};

const writeLines = (path: string, snapshot: SnapshotToWrite): void => {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (const line of snapshotLines(snapshot)) {
      const bytes = Buffer.from(line, 'utf8');
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
export const writeSnapshot = (file: string, snapshot: ReadModelSnapshot): void => {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeLines(temporary, toWrite(snapshot));
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
 * Writes a snapshot as `writeSnapshot` does, a line of about a megabyte at a time, each handed to the file
 * before the next is made: the event loop turns between lines, so requests are answered while a snapshot of
 * a million events is written, and the JSON in memory is one line, not the file.
 */
export const saveSnapshot = async (file: string, snapshot: SnapshotToWrite): Promise<void> => {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const hash = createHash('sha256');
    const handle = await open(temporary, 'w');
    try {
      for (const line of snapshotLines(snapshot)) {
        const bytes = Buffer.from(line, 'utf8');
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
