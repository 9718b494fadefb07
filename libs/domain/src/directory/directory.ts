/** A person or an organisation that follow-up owners are resolved against, to get an e-mail address. */
export interface DirectoryEntry {
  name: string;
  email: string;
  /** Other ways the minutes write the name ("Sekretariatet" for Rammeaftalesekretariatet). The directory file always fills it, if only with []. */
  aliases?: string[];
  /** The organisation a person works for. */
  organisation?: string;
  /** The one entry that receives what cannot be sent to an owner, and is told so. */
  secretariat?: true;
}

/**
 * The spelling names are compared in: case, spacing and a trailing "Kommune" aside, since minutes write
 * "Slagelse", "Slagelse Kommune" and "slagelse  kommune" for one municipality.
 */
export const directoryKey = (name: string): string =>
  name
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase('da')
    .replace(/(.) kommune$/, '$1');
