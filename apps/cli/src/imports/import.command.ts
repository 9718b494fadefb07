import { FORUMS } from '@app/config';
import { Forum, RefusedError } from '@app/domain';
import { formatParseError, formatReviewReport, ImportPlan, MinutesFileError, readMinutesFile, ReviewReport } from '@app/minutes-import';
import { MinutesImports, MinutesUnreadableError } from '@app/workflows';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliFailure, EXIT } from '../exit-codes';
import { withApplication } from '../work-context';
import { ImportCliModule } from './import-cli.module';

interface ImportOptions {
  forum?: string;
  meetingDate?: string;
  dryRun?: boolean;
  json?: boolean;
}

const describeStep = (step: ImportPlan['steps'][number]): string => {
  const { command, key: _key, lines, now: _now, ...fields } = step;
  const summary = Object.entries(fields)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value.replace(/\s*\n\s*/g, ' / ') : JSON.stringify(value)}`)
    .join(' ');
  return `  linje ${lines.length > 0 ? `${lines[0]}${lines.length > 1 ? `-${lines[lines.length - 1]}` : ''}` : '-'}: ${command} ${summary.length > 160 ? `${summary.slice(0, 157)}...` : summary}`;
};

const printReview = (report: ReviewReport, plan: ImportPlan, forums: Forum[], json: boolean): void => {
  if (json) {
    console.log(JSON.stringify({ ...report, events: plan.steps, notes: plan.notes }, null, 2));
    return;
  }
  console.log(formatReviewReport(report, forums));
  console.log(`\nHændelser importen vil tilføje (${plan.steps.length} kommandoer):`);
  plan.steps.forEach((step) => console.log(describeStep(step)));
  plan.notes.forEach((note) => console.log(`  Bemærk: ${note}`));
};

const MEETING_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A referat as text: reviewed, rehearsed on a copy of the log, then committed; --dry-run stops after the review. */
@Command({
  name: 'import',
  arguments: '<fil>',
  argsDescription: { fil: 'referatet som .txt, .docx eller .pdf' },
  description: 'Importér et referat: vis gennemgangen og de hændelser, det giver, og tilføj dem til loggen',
})
export class ImportCommand extends CommandRunner {
  async run([file]: string[], options: ImportOptions): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new CliFailure(`Filen kan ikke læses: ${(error as Error).message}`, EXIT.usage);
    }
    let text: string;
    let sourceNotes: string[];
    try {
      ({ text, notes: sourceNotes } = await readMinutesFile(bytes, basename(file)));
    } catch (error) {
      if (error instanceof MinutesFileError) throw new CliFailure(formatParseError(error.error), EXIT.failed);
      throw error;
    }
    const json = options.json === true;
    await withApplication(ImportCliModule, async (app) => {
      const imports = app.get(MinutesImports);
      const forums = app.get<Forum[]>(FORUMS);
      const read = { forumId: options.forum, meetingDate: options.meetingDate };
      try {
        if (options.dryRun) {
          const { report, plan } = imports.read(text, { ...read, sourceNotes });
          printReview(report, plan, forums, json);
          return;
        }
        const context = { userId: 'cli', correlationId: randomUUID() };
        const review = await imports.review({ text, ...read, fileName: basename(file) }, context, sourceNotes);
        printReview(review.report, review.plan, forums, json);
        const result = await imports.commit(review.id, context);
        const summary = result.importedBefore
          ? `Referatet er importeret før (${result.importedBefore}); intet er tilføjet.`
          : `Importeret: ${result.appended} kommandoer tilføjede hændelser, ${result.already} fandtes allerede (mødet ${result.meetingId}).` +
            (result.appended === 0 ? ' Intet nyt er tilføjet; kun importen selv er noteret.' : '');
        if (json) console.error(summary);
        else console.log(`\n${summary}`);
      } catch (error) {
        if (error instanceof MinutesUnreadableError) throw new CliFailure(formatParseError(error.error), EXIT.failed);
        if (error instanceof RefusedError) throw new CliFailure(`${error.message}\nIntet er importeret.`, EXIT.failed);
        throw error;
      }
    });
  }

  @Option({ flags: '--forum <id>', description: 'forummet, hvor referatet ikke selv siger det (fx styregruppen)' })
  parseForum(value: string): string {
    return value;
  }

  @Option({ flags: '--meeting-date <ÅÅÅÅ-MM-DD>', description: 'mødets dato, hvor referatet ikke selv siger den' })
  parseMeetingDate(value: string): string {
    if (!MEETING_DATE.test(value)) throw new CliFailure(`--meeting-date skal være en dato som 2025-09-19, ikke "${value}"`, EXIT.usage);
    return value;
  }

  @Option({ flags: '--dry-run', description: 'vis kun gennemgangen; intet gemmes' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'gennemgangen som JSON på stdout (opsummeringen på stderr)' })
  parseJson(): boolean {
    return true;
  }
}
