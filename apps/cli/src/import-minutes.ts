import 'reflect-metadata';
import { FORUMS } from '@app/config';
import { Forum, RefusedError } from '@app/domain';
import { formatParseError, formatReviewReport, ImportPlan, MinutesFileError, readMinutesFile, ReviewReport } from '@app/minutes-import';
import { MinutesImports, MinutesUnreadableError } from '@app/workflows';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportCliModule } from './import-cli.module';

const USAGE = 'Brug: npm run import -- <fil: .txt, .docx eller .pdf> [--forum styregruppen] [--meeting-date ÅÅÅÅ-MM-DD] [--dry-run] [--json]';

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

const main = async (): Promise<number> => {
  let args: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean' }>; allowPositionals: true }>>;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      options: { forum: { type: 'string' }, 'meeting-date': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file] = args.positionals;
  if (!file || args.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  let sourceNotes: string[];
  try {
    ({ text, notes: sourceNotes } = await readMinutesFile(readFileSync(file), basename(file)));
  } catch (error) {
    if (error instanceof MinutesFileError) {
      console.error(formatParseError(error.error));
      return 1;
    }
    console.error(`Filen kan ikke læses: ${(error as Error).message}`);
    return 2;
  }
  const json = args.values.json === true;
  const app = await NestFactory.createApplicationContext(ImportCliModule, { logger: ['error'] });
  try {
    const imports = app.get(MinutesImports);
    const options = { forumId: args.values.forum as string | undefined, meetingDate: args.values['meeting-date'] as string | undefined };
    const fileOptions = { ...options, sourceNotes };
    const forums = app.get<Forum[]>(FORUMS);
    if (args.values['dry-run']) {
      const { report, plan } = imports.read(text, fileOptions);
      printReview(report, plan, forums, json);
      return 0;
    }
    const context = { userId: 'cli', correlationId: randomUUID() };
    const review = await imports.review({ text, ...options, fileName: basename(file) }, context, sourceNotes);
    printReview(review.report, review.plan, forums, json);
    const result = await imports.commit(review.id, context);
    const summary = result.importedBefore
      ? `Referatet er importeret før (${result.importedBefore}); intet er tilføjet.`
      : `Importeret: ${result.appended} kommandoer tilføjede hændelser, ${result.already} fandtes allerede (mødet ${result.meetingId}).` +
        (result.appended === 0 ? ' Intet nyt er tilføjet; kun importen selv er noteret.' : '');
    if (json) console.error(summary);
    else console.log(`\n${summary}`);
    return 0;
  } catch (error) {
    if (error instanceof MinutesUnreadableError) console.error(formatParseError(error.error));
    else if (error instanceof RefusedError) console.error(`${error.message}\nIntet er importeret.`);
    else throw error;
    return 1;
  } finally {
    await app.close();
  }
};

// exitCode, not exit(): exit() would cut a long --json report short where stdout is a pipe.
const finish = (code: number) => {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 5000).unref();
};

main().then(finish, (error: Error) => {
  console.error(error.stack ?? error.message);
  finish(1);
});
