import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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

/**
 * A header line, then each read model's entries as lines of JSON arrays of about a megabyte each, never the
 * whole snapshot as one string: a million events make about 200 MB of JSON, and V8 refuses strings past
 * 512 MB, which a few million more would reach. Returns undefined for a missing, unreadable, cut-off or
 * changed file (one whose checksum does not match), and for one written before snapshots named where their
 * last event is in its stream; the caller then folds the log.
 */
export const readSnapshot = (file: string): ReadModelSnapshot | undefined => {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buffer.length === 0 || buffer[buffer.length - 1] !== NEWLINE) return undefined;
  const contentEnd = buffer.lastIndexOf(NEWLINE, buffer.length - 2) + 1;
  const digest = createHash('sha256').update(buffer.subarray(0, contentEnd)).digest('hex');
  if (!buffer.subarray(contentEnd).equals(Buffer.from(trailer(digest)))) return undefined;
  let start = 0;
  const nextLine = (): string | undefined => {
    if (start >= contentEnd) return undefined;
    const end = buffer.indexOf(NEWLINE, start);
    const line = buffer.toString('utf8', start, end);
    start = end + 1;
    return line;
  };
  try {
    const header = JSON.parse(nextLine() ?? '') as Header;
    if (!header.lastEvent) return undefined;
    const snapshot: ReadModelSnapshot = { position: header.position, lastEvent: header.lastEvent, projections: {} };
    for (const [name, { version, count }] of Object.entries(header.projections)) {
      const entries: [string, unknown][] = [];
      while (entries.length < count) {
        const line = nextLine();
        if (line === undefined) return undefined;
        for (const entry of JSON.parse(line) as [string, unknown][]) entries.push(entry);
      }
      if (entries.length !== count) return undefined;
      snapshot.projections[name] = { version, entries };
    }
    return nextLine() === undefined ? snapshot : undefined;
  } catch {
    return undefined;
  }
};

/** write(2) may take less than it is given; the rest follows until all is written. */
const writeAll = (fd: number, bytes: Buffer): void => {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
};

const writeLines = (path: string, snapshot: ReadModelSnapshot): void => {
  const header: Header = {
    position: snapshot.position,
    lastEvent: snapshot.lastEvent,
    projections: Object.fromEntries(Object.entries(snapshot.projections).map(([name, { version, entries }]) => [name, { version, count: entries.length }])),
  };
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    const writeLine = (text: string): void => {
      const bytes = Buffer.from(text, 'utf8');
      hash.update(bytes);
      writeAll(fd, bytes);
    };
    writeLine(`${JSON.stringify(header)}\n`);
    for (const { entries } of Object.values(snapshot.projections)) {
      let line: string[] = [];
      let length = 0;
      for (const entry of entries) {
        const json = JSON.stringify(entry);
        line.push(json);
        length += json.length;
        if (length >= LINE_CHARACTERS) {
          writeLine(`[${line.join(',')}]\n`);
          line = [];
          length = 0;
        }
      }
      if (line.length > 0) writeLine(`[${line.join(',')}]\n`);
    }
    writeAll(fd, Buffer.from(trailer(hash.digest('hex'))));
  } finally {
    closeSync(fd);
  }
};

/**
 * Written beside and renamed into place, so a crash mid-write leaves the previous snapshot whole. A write
 * that fails removes what it wrote: on a full disk that part would hold on to the room the next write needs.
 */
export const writeSnapshot = (file: string, snapshot: ReadModelSnapshot): void => {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeLines(temporary, snapshot);
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
