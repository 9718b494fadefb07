/**
 * class-validator writes its reasons in English, with no way to set the language; the people who read them
 * read Danish. Its built-in rules are translated here by their names, with the figure or the values its
 * English reason names; rules of our own write their reasons in Danish where they are declared, and pass.
 */
const numberIn = (english: string): string => /(\d+)/.exec(english)?.[1] ?? '';
const valuesIn = (english: string): string => english.slice(english.indexOf(':') + 1).trim();

const BUILT_IN: Record<string, (subject: string, english: string) => string> = {
  isString: (subject) => `${subject} skal være en tekst`,
  isNotEmpty: (subject) => `${subject} må ikke være tom`,
  isDefined: (subject) => `${subject} skal udfyldes`,
  maxLength: (subject, english) => `${subject} må højst have ${numberIn(english)} tegn`,
  minLength: (subject, english) => `${subject} skal have mindst ${numberIn(english)} tegn`,
  isIn: (subject, english) => `${subject} skal være en af disse værdier: ${valuesIn(english)}`,
  isInt: (subject) => `${subject} skal være et helt tal`,
  min: (subject, english) => `${subject} må ikke være mindre end ${numberIn(english)}`,
  max: (subject, english) => `${subject} må ikke være større end ${numberIn(english)}`,
  isArray: (subject) => `${subject} skal være en liste`,
  arrayNotEmpty: (subject) => `${subject} må ikke være en tom liste`,
  arrayMinSize: (subject, english) => `${subject} skal have mindst ${numberIn(english)} elementer`,
  arrayMaxSize: (subject, english) => `${subject} må højst have ${numberIn(english)} elementer`,
  isEmail: (subject) => `${subject} skal være en e-mailadresse`,
  isObject: (subject) => `${subject} skal være et objekt`,
  isUrl: (subject) => `${subject} skal være en webadresse med protokol, fx https://example.org/bilag.pdf`,
  isBoolean: (subject) => `${subject} skal være true eller false`,
  equals: (subject, english) => `${subject} skal være ${english.slice(english.lastIndexOf(' ') + 1)}`,
  nestedValidation: (subject) => `${subject} skal være et objekt eller en liste`,
  whitelistValidation: (_subject, english) => unknownField(/^property (.+) should not exist$/.exec(english)?.[1] ?? english),
};

const EACH_PREFIX = 'each value in ';

export const unknownField = (name: string): string => `feltet ${name} kendes ikke`;

/** The Danish reason for a rule `constraint` broken by `property`, from class-validator's English `reason`. */
export const danishReason = (constraint: string, property: string, reason: string): string => {
  const translate = BUILT_IN[constraint];
  if (!translate) return reason;
  const subject = reason.startsWith(EACH_PREFIX) ? `hvert element i ${property}` : property;
  return translate(subject, reason);
};
