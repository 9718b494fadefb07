import 'reflect-metadata';
import { DirectoryEntry, directoryKey } from '@app/domain';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayNotEmpty, Equals, IsArray, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested, validateSync, ValidationError } from 'class-validator';
import { readFileSync } from 'node:fs';
import { ConfigError } from './app-config';

class DirectoryFileEntry {
  @IsString() @IsNotEmpty() name!: string;
  @IsEmail() email!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) @Matches(/[\p{L}\p{N}]/u, { each: true, message: 'each alias must contain a letter or a digit' })
  aliases?: string[];
  @IsOptional() @IsString() @IsNotEmpty() organisation?: string;
  @IsOptional() @Equals(true, { message: 'secretariat must be true where it is given' }) secretariat?: true;
}

class DirectoryFile {
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => DirectoryFileEntry) entries!: DirectoryFileEntry[];
}

const describe = (errors: ValidationError[], path = ''): string[] =>
  errors.flatMap((error) => {
    const here = path ? `${path}.${error.property}` : error.property;
    return [...Object.values(error.constraints ?? {}).map((reason) => `${here}: ${reason}`), ...describe(error.children ?? [], here)];
  });

/** A name or alias two entries share would send an owner's reminder to either; the file must say which. */
const sharedNames = (entries: DirectoryFileEntry[]): string[] => {
  const owner = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    for (const key of new Set([entry.name, ...(entry.aliases ?? [])].map(directoryKey))) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, index);
      else problems.push(`entries.${index} (${entry.name}): the name or alias "${key}" is already used by entries.${other} (${entries[other].name})`);
    }
  });
  return problems;
};

/** Follow-ups that reach no owner go to the secretariat, so there must be one, and only one to choose. */
const secretariatProblems = (entries: DirectoryFileEntry[]): string[] => {
  const secretariats = entries.filter((entry) => entry.secretariat);
  if (secretariats.length === 1) return [];
  if (secretariats.length === 0) return ['no entry is the secretariat: mark exactly one with "secretariat": true'];
  return [`exactly one entry may be the secretariat, not ${secretariats.length}: ${secretariats.map((entry) => entry.name).join(', ')}`];
};

/** The people and organisations follow-up owners are resolved against, from a JSON file the secretariat can edit; refused whole if anything is off. */
export const parseDirectory = (json: unknown, source: string): DirectoryEntry[] => {
  const file = plainToInstance(DirectoryFile, json);
  const problems = describe(validateSync(file));
  if (problems.length === 0) problems.push(...secretariatProblems(file.entries), ...sharedNames(file.entries));
  if (problems.length > 0) throw new ConfigError(`Invalid directory file ${source}:\n  ${problems.join('\n  ')}`);
  return file.entries.map(({ name, email, aliases, organisation, secretariat }) => ({ name, email, aliases: aliases ?? [], organisation, secretariat }));
};

export const loadDirectory = (file: string): DirectoryEntry[] => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the directory file ${file}: ${(error as Error).message}`);
  }
  return parseDirectory(json, file);
};
