import 'reflect-metadata';
import { Forum } from '@app/domain';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested, validateSync, ValidationError } from 'class-validator';
import { readFileSync } from 'node:fs';
import { ConfigError } from './app-config';

class ForumMemberEntry {
  @IsString() @IsNotEmpty() name!: string;
  @IsEmail() email!: string;
  @IsIn(['chair', 'member', 'secretary']) role!: 'chair' | 'member' | 'secretary';
  @IsOptional() @IsString() organisation?: string;
}

class ForumEntry {
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'id must be a lower-case slug such as kkr-sjaelland' }) id!: string;
  @IsString() @IsNotEmpty() name!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) @Matches(/[\p{L}\p{N}]/u, { each: true, message: 'each alias must contain a letter or a digit' })
  aliases?: string[];
  @IsOptional() @IsString() parentId?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ForumMemberEntry) members!: ForumMemberEntry[];
}

class ForumsFile {
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => ForumEntry) forums!: ForumEntry[];
}

const describe = (errors: ValidationError[], path = ''): string[] =>
  errors.flatMap((error) => {
    const here = path ? `${path}.${error.property}` : error.property;
    return [...Object.values(error.constraints ?? {}).map((reason) => `${here}: ${reason}`), ...describe(error.children ?? [], here)];
  });

const spelling = (name: string): string => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');

/** A name or alias two forums share would let the minutes import pick either; the file must say which. */
const sharedNames = (forums: ForumEntry[]): string[] => {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const forum of forums) {
    for (const name of new Set([forum.name, ...(forum.aliases ?? [])].map(spelling))) {
      const other = owner.get(name);
      if (other === undefined) owner.set(name, forum.id);
      else if (other !== forum.id) problems.push(`forum ${forum.id}: the name or alias "${name}" is already used by ${other}`);
    }
  }
  return problems;
};

/** The forums and their chain, from a JSON file the secretariat can edit; refused whole if anything is off. */
export const parseForums = (json: unknown, source: string): Forum[] => {
  const file = plainToInstance(ForumsFile, json);
  const problems = describe(validateSync(file));
  if (problems.length === 0) {
    const ids = file.forums.map((forum) => forum.id);
    ids.filter((id, index) => ids.indexOf(id) !== index).forEach((id) => problems.push(`forum ${id} is listed twice`));
    file.forums
      .filter((forum) => forum.parentId !== undefined && !ids.includes(forum.parentId))
      .forEach((forum) => problems.push(`forum ${forum.id}: parentId ${forum.parentId} is not a forum in the file`));
    problems.push(...sharedNames(file.forums));
  }
  if (problems.length > 0) throw new ConfigError(`Invalid forums file ${source}:\n  ${problems.join('\n  ')}`);
  return file.forums.map(({ id, name, aliases, parentId, members }) => ({
    id,
    name,
    aliases: aliases ?? [],
    parentId,
    members: members.map(({ name: memberName, email, role, organisation }) => ({ name: memberName, email, role, organisation })),
  }));
};

export const loadForums = (file: string): Forum[] => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the forums file ${file}: ${(error as Error).message}`);
  }
  return parseForums(json, file);
};
