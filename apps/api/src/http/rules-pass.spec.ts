import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationTypes, ValidatorOptions } from 'class-validator';
import fc from 'fast-check';
import { ApiModule } from '../api.module';
import { everyRulePasses } from './rules-pass';

type Target = new () => object;
type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** The options the API's validation pipe gives class-validator. */
const OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true, validationError: { target: false } };

/** Values near every rule's edges, taken from the rules themselves, beside values of every JSON kind. */
const candidatesFor = (rules: Metadata[]): unknown[] => {
  const candidates: unknown[] = ['styregruppen', 'Takstanalyse for botilbud', '', ' ', 'a\u0000b', 'tab\there', 'linje\nlinje', '2025-08-08', '2025-02-30', '1999-12-31', '2025-08-08T11:00:00+02:00', '2025-08-08T11:00', '2025-08-08T11:00:00Z', 'sekretariat@example.dk', 'ikke en adresse', 'https://example.org/bilag.pdf', 'example.org', 'Europe/Copenhagen', 'true', '1', '-1', '12', 0, 1, -1, 1.5, 12, 100000, true, false, [], ['Takst'], ['', 'a'], ['a\u0000'], [1], {}, { title: 'Bilag' }];
  for (const { constraints } of rules) {
    for (const constraint of constraints ?? []) {
      if (Array.isArray(constraint)) candidates.push(...constraint, constraint);
      if (typeof constraint === 'number' && constraint < 200_000) candidates.push(constraint - 1, constraint, constraint + 1, 'x'.repeat(constraint), 'x'.repeat(constraint + 1));
    }
  }
  return candidates;
};

/** Whether class-validator finds a field right on its own, whatever it says of the others. */
const rightOnItsOwn = async (target: Target, field: string, value: unknown): Promise<boolean> => {
  try {
    const errors = await validate(plainToInstance(target, { [field]: value }), OPTIONS);
    return !errors.some((error) => error.property === field);
  } catch {
    return false;
  }
};

/**
 * Bodies of a class, mostly of values each right for its field, so that many bodies pass and the others
 * fail on one or two fields; some with any JSON value, or a field the class does not have.
 */
const bodies = async (target: Target): Promise<fc.Arbitrary<Record<string, unknown>>> => {
  const grouped = getMetadataStorage().groupByPropertyName(getMetadataStorage().getTargetValidationMetadatas(target, '', false, false, undefined));
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, rules] of Object.entries(grouped)) {
    const candidates = candidatesFor(rules);
    const right: unknown[] = [];
    for (const candidate of candidates) if (await rightOnItsOwn(target, name, candidate)) right.push(candidate);
    fields[name] = fc.oneof(
      ...(right.length > 0 ? [{ weight: 12, arbitrary: fc.constantFrom(...right) }] : []),
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...candidates) },
      { weight: 1, arbitrary: fc.jsonValue() },
    );
  }
  const known = fc.record(fields, { requiredKeys: [] });
  return fc.oneof({ weight: 9, arbitrary: known }, { weight: 1, arbitrary: fc.tuple(known, fc.string(), fc.jsonValue()).map(([body, key, value]) => ({ ...body, [key]: value })) });
};

const nestedFields = (target: Target): string[] =>
  getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false, undefined)
    .filter((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION)
    .map((metadata) => metadata.propertyName);

/** Every class with rules, as the API has loaded them: the DTOs of every controller, the configuration files' classes. */
const targets = (): Target[] => {
  expect(ApiModule).toBeDefined();
  // The storage lists its classes only in a private map; the test reads it to miss none.
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  return [...storage.validationMetadatas.keys()].filter((key): key is Target => typeof key === 'function');
};

describe('the quick check of the validation pipe, against class-validator itself', () => {
  const classes = targets();

  it('knows the API’s classes', () => {
    expect(classes.length).toBeGreaterThan(30);
    expect(classes.map((target) => target.name)).toEqual(expect.arrayContaining(['ProposeCaseDto', 'DecideCaseDto', 'PageQuery']));
  });

  it.each(classes.map((target) => [target.name, target] as const))('passes a %s only where class-validator finds no error, and every flat one it finds none in', async (_name, target) => {
    const nested = nestedFields(target);
    await fc.assert(
      fc.asyncProperty(await bodies(target), async (body) => {
        let instance: object;
        try {
          instance = plainToInstance(target, body);
        } catch {
          // class-transformer refuses some values before any rule is asked (a Number of an object without one): so does the pipe.
          return;
        }
        const quick = everyRulePasses(instance, OPTIONS);
        const errors = await validate(instance, OPTIONS);
        if (quick) expect(errors).toEqual([]);
        const flat = nested.every((field) => (instance as Record<string, unknown>)[field] === undefined);
        if (errors.length === 0 && flat) expect(quick).toBe(true);
      }),
      { numRuns: 400, seed: 20261130 },
    );
  });

  it('leaves a nested object, an unknown field and options it does not follow to class-validator', async () => {
    const { ProposeCaseDto } = await import('../cases/case.dtos');
    const proposal = { forumId: 'styregruppen', title: 'Takstanalyse for botilbud', kind: 'decision' };
    expect(everyRulePasses(plainToInstance(ProposeCaseDto, proposal), OPTIONS)).toBe(true);
    expect(everyRulePasses(plainToInstance(ProposeCaseDto, { ...proposal, attachments: [{ title: 'Bilag' }] }), OPTIONS)).toBe(false);
    expect(everyRulePasses(plainToInstance(ProposeCaseDto, { ...proposal, titel: 'stavet forkert' }), OPTIONS)).toBe(false);
    expect(everyRulePasses(plainToInstance(ProposeCaseDto, proposal), { ...OPTIONS, skipMissingProperties: true })).toBe(false);
    expect(everyRulePasses(plainToInstance(ProposeCaseDto, proposal), { ...OPTIONS, groups: ['kun-nogle'] })).toBe(false);
    expect(everyRulePasses({ ...proposal }, OPTIONS)).toBe(false);
    expect(everyRulePasses(Object.assign(Object.create(null), proposal), OPTIONS)).toBe(false);
    expect(everyRulePasses(Object.assign(new ProposeCaseDto(), proposal, { constructor: 'styregruppen' }), OPTIONS)).toBe(false);
  });
});
