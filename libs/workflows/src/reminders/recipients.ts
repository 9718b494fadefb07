import { DirectoryEntry, directoryKey, Owner } from '@app/domain';
import { Recipient } from './reminder-mail';

export interface ResolvedOwners {
  /** One per address, in the order of the owners. */
  recipients: Recipient[];
  /** Owners with no address of their own and none in the directory, by name, for the secretariat to be told. */
  unreachable: string[];
}

/** The directory by every spelling of its names and aliases, made once per directory: lists resolve many owners. */
const indexes = new WeakMap<readonly DirectoryEntry[], ReadonlyMap<string, DirectoryEntry>>();

const indexOf = (directory: readonly DirectoryEntry[]): ReadonlyMap<string, DirectoryEntry> => {
  let index = indexes.get(directory);
  if (!index) {
    const byKey = new Map<string, DirectoryEntry>();
    for (const entry of directory) {
      for (const name of [entry.name, ...(entry.aliases ?? [])]) if (!byKey.has(directoryKey(name))) byKey.set(directoryKey(name), entry);
    }
    index = byKey;
    indexes.set(directory, index);
  }
  return index;
};

const recipientOf = (owner: Owner, directory: ReadonlyMap<string, DirectoryEntry>): Recipient | undefined => {
  if (owner.email) return { name: owner.name, email: owner.email };
  const entry = directory.get(directoryKey(owner.name)) ?? (owner.organisation ? directory.get(directoryKey(owner.organisation)) : undefined);
  return entry && { name: entry.name, email: entry.email };
};

/**
 * Who receives an owner's reminders: the owner's own address, else the directory's entry for its name, else
 * for its organisation. An owner found nowhere is kept, by name, in `unreachable`, never dropped.
 */
export const resolveOwners = (owners: readonly Owner[], directory: readonly DirectoryEntry[]): ResolvedOwners => {
  const index = indexOf(directory);
  const recipients: Recipient[] = [];
  const unreachable: string[] = [];
  for (const owner of owners) {
    const recipient = recipientOf(owner, index);
    if (!recipient) unreachable.push(owner.name);
    else if (!recipients.some((known) => known.email.toLowerCase() === recipient.email.toLowerCase())) recipients.push(recipient);
  }
  return { recipients, unreachable };
};

/** The fallback recipient; the directory file is refused without exactly one. */
export const secretariatOf = (directory: readonly DirectoryEntry[]): Recipient => {
  const secretariat = directory.find((entry) => entry.secretariat);
  if (!secretariat) throw new Error('The directory has no secretariat');
  return { name: secretariat.name, email: secretariat.email };
};
