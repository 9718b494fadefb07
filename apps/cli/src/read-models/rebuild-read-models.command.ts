import { APP_CONFIG, AppConfig } from '@app/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_MODEL_PROJECTIONS, READ_MODELS_FILE, rebuildReadModelSnapshot } from '@app/read-side';
import { join } from 'node:path';
import { Command, CommandRunner } from 'nest-commander';
import { withApplication } from '../work-context';
import { ReadModelsCliModule } from './read-models-cli.module';

/**
 * Folds the whole log into the read models and writes their snapshot (DATA_DIR/read-models.json) anew, for
 * when the snapshot is doubted. A running API keeps the models it has and writes its own snapshot later.
 */
@Command({
  name: 'rebuild-read-models',
  description: `Byg visningerne (read models) forfra ud fra hele hændelsesloggen og skriv deres snapshot (DATA_DIR/${READ_MODELS_FILE}) på ny`,
})
export class RebuildReadModelsCommand extends CommandRunner {
  async run(): Promise<void> {
    await withApplication(ReadModelsCliModule, async (app) => {
      const config = app.get<AppConfig>(APP_CONFIG);
      const file = join(config.dataDir, READ_MODELS_FILE);
      const started = Date.now();
      const rebuilt = await rebuildReadModelSnapshot(app.get<EventStore>(EVENT_STORE), READ_MODEL_PROJECTIONS, file);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        rebuilt.written
          ? `Visningerne er bygget af ${rebuilt.events} hændelser (til position ${rebuilt.position}) på ${seconds} s og gemt i ${file}.`
          : 'Loggen er tom: der er intet at bygge, og intet snapshot er skrevet.',
      );
    });
  }
}
