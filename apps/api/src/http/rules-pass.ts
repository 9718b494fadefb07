import { getMetadataStorage, ValidationArguments, ValidationTypes, ValidatorOptions } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = ReturnType<Storage['getTargetValidationMetadatas']>[number];
type Validator = ReturnType<Storage['getTargetValidatorConstraints']>[number]['instance'];
/** A class whose rules class-validator keeps. */
type Target = Parameters<Storage['getTargetValidationMetadatas']>[0];

interface PropertyRules {
  name: string;
  conditions: ValidationMetadata[];
  checks: { metadata: ValidationMetadata; validators: Validator[] }[];
  nested: boolean;
}

/** A class's rules by property, or undefined where it has a kind of rule the quick check leaves to class-validator. */
type ClassRules = { properties: PropertyRules[]; known: Set<string> } | undefined;

const rulesOf = (target: Target): ClassRules => {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  if (metadatas.length === 0 || metadatas.some((metadata) => metadata.type === ValidationTypes.PROMISE_VALIDATION)) return undefined;
  const grouped = storage.groupByPropertyName(metadatas);
  const properties = Object.keys(grouped).map((name): PropertyRules => {
    const rules = grouped[name].filter((metadata) => metadata.type !== ValidationTypes.WHITELIST);
    return {
      name,
      conditions: rules.filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION),
      checks: rules
        .filter((metadata) => metadata.type === ValidationTypes.IS_DEFINED || metadata.type === ValidationTypes.CUSTOM_VALIDATION)
        // class-validator finds a rule's validator by a walk of every validator it has made, on each call; with no
        // container of our own (useContainer) it is the same object each time, so it is looked up once.
        .map((metadata) => ({ metadata, validators: storage.getTargetValidatorConstraints(metadata.constraintCls).map((constraint) => constraint.instance) })),
      nested: rules.some((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION),
    };
  });
  return { properties, known: new Set(properties.map(({ name }) => name)) };
};

/** Decorators register a class's rules when the class is defined, before any request: read once per class. */
const byClass = new WeakMap<Target, ClassRules>();

const passes = (object: Record<string, unknown>, value: unknown, { metadata, validators }: PropertyRules['checks'][number]): boolean => {
  if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
  const args: ValidationArguments = { targetName: object.constructor.name, property: metadata.propertyName, object, value, constraints: metadata.constraints };
  const items = metadata.each && Array.isArray(value) ? (value as unknown[]) : [value];
  return validators.every((validator) => items.every((item) => validator.validate(item, args) === true));
};

/**
 * True only where class-validator, given the same object and options, would find no error: the same rules,
 * read from its metadata storage, each asked through its own validator, in the same places. Anything it
 * does not settle this way (an unknown field, a nested object, a Set or Map, a rule that answers with a
 * promise, options that skip or group rules) is false, and left to class-validator, whose errors name the
 * fields. Most bodies and queries are valid, and class-validator's executor cost a command more than the
 * rest of the validation pipe.
 */
export const everyRulePasses = (object: unknown, options: ValidatorOptions): boolean => {
  if (object === null || typeof object !== 'object') return false;
  if (options.groups || options.always || options.strictGroups || options.skipMissingProperties || options.skipNullProperties || options.skipUndefinedProperties) return false;
  const target: unknown = object.constructor;
  if (typeof target !== 'function') return false;
  if (!byClass.has(target)) byClass.set(target, rulesOf(target));
  const rules = byClass.get(target);
  if (!rules) return false;
  const record = object as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!rules.known.has(key)) return false;
  for (const property of rules.properties) {
    const value = record[property.name];
    if (value instanceof Set || value instanceof Map || value instanceof Promise) return false;
    if (!property.conditions.every((condition) => condition.constraints[0](record, value))) continue;
    if (property.nested && value !== undefined) return false;
    if (!property.checks.every((check) => passes(record, value, check))) return false;
  }
  return true;
};
