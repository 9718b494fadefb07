/** What the command line's exit code means; printed under every --help and in the README. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Refused or failed: the rules refused it, the minutes could not be read, the account does not exist. */
  failed: 1,
  /** Bad usage: an unknown command or option, a missing argument or value, a file that cannot be read. */
  usage: 2,
  /** The configuration is invalid: a variable, or one of the files in config/. */
  configuration: 3,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  udført
  1  afvist eller mislykket (reglerne afviser, referatet kan ikke læses, kontoen findes ikke)
  2  forkert brug (ukendt kommando eller tilvalg, manglende argument, en fil der ikke kan læses)
  3  konfigurationen er ugyldig (en variabel eller en fil i config/)`;

/** Ends a command with a message and an exit code; anything else thrown is an unexpected fault (exit code 1). */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
