/**
 * Words and sentences for the generated cases and follow-ups, in the register of the minutes in
 * ../shared/minutes: event sizes then match the real ones (a CaseProposed carries a summary, a recommendation
 * and background; a decision a sentence or two), which is what the JSON parse in every read pays for.
 */
import type { Owner } from '@app/domain';
import { Prng } from './prng';

const TOPICS = [
  'Udviklingsstrategi',
  'Styringsaftale',
  'Takstudvikling og takstberegning',
  'Kapacitetsanalyse for botilbud',
  'Den nationale koordinationsstruktur',
  'Socialtilsyn Øst: årsrapport',
  'Specialiserede pladser på voksenområdet',
  'Børn og unge med komplekse støttebehov',
  'Sikrede institutioner og særligt sikrede pladser',
  'Hjerneskadeområdet',
  'Borgere med spiseforstyrrelser',
  'Ungdomskriminalitet og Ungdomskriminalitetsnævnet',
  'Kommunikationscentre og specialundervisning for voksne',
  'Fælles indkøb af hjælpemidler',
  'Overhead og prisudvikling',
  'Monitorering af det specialiserede socialområde',
  'Tilbudsportalen og dataindberetning',
  'Rammeaftalens temaer',
  'Forløbsbeskrivelser for autismeområdet',
  'Psykiatriplan og samarbejde med regionen',
];

const QUALIFIERS = ['status', 'orientering', 'drøftelse', 'godkendelse', 'høring', 'opfølgning', 'tidsplan', 'evaluering'];

const SENTENCES = [
  'Sekretariatet har udarbejdet et oplæg på baggrund af drøftelsen på sidste møde.',
  'Oplægget er udarbejdet i samarbejde med kommunernes fagchefer og Region Sjælland.',
  'Der er indhentet data fra de 17 kommuner og regionen om belægning og takster.',
  'Udviklingen viser en stigning i efterspørgslen efter pladser på flere af de højt specialiserede tilbud.',
  'Socialstyrelsen har meldt ud, at der forventes endeligt svar ultimo året.',
  'Arbejdsgruppen anbefaler, at indsatsen forankres i styregruppen frem for i netværksgrupperne.',
  'Sagen har tidligere været behandlet i K17 og KKR Sjælland, der bad om en samlet vurdering.',
  'Der lægges op til en drøftelse af, hvordan kommunerne sikrer den nødvendige faglige bæredygtighed.',
  'Tidsplanen forudsætter, at materialet sendes i høring i kommunerne inden sommerferien.',
  'Økonomigruppen har gennemgået de økonomiske konsekvenser og finder dem afholdt inden for rammen.',
  'KL har bedt de fem KKR om at melde tilbage på den nationale koordinationsstruktur.',
  'Evalueringen peger på, at samarbejdet om de mest specialiserede tilbud fungerer, men kan styrkes.',
];

const RECOMMENDATIONS = [
  'godkender oplægget',
  'tager orienteringen til efterretning',
  'drøfter udkastet og giver input til det videre arbejde',
  'sender sagen videre til K17 og KKR Sjælland',
  'godkender tidsplanen for det videre arbejde',
  'udpeger en repræsentant til arbejdsgruppen',
  'anbefaler, at kommunerne tilslutter sig aftalen',
];

const DECISIONS = [
  'Styregruppen tiltrådte indstillingen.',
  'Forummet tog orienteringen til efterretning.',
  'Forummet besluttede at sende sagen videre med de faldne bemærkninger.',
  'Indstillingen blev godkendt med den ændring, at tidsplanen forlænges med tre måneder.',
  'Forummet drøftede sagen og bad sekretariatet om et revideret oplæg.',
  'Indstillingen blev ikke tiltrådt; sagen afsluttes.',
];

const POINTS = [
  'Sekretariatet udarbejder et revideret oplæg til næste møde',
  'Sagen videresendes til K17 og KKR',
  'Kommunerne melder tilbage på datagrundlaget',
  'Der nedsættes en arbejdsgruppe med repræsentanter fra fem kommuner',
  'Dagsorden deles med styregruppen forud for mødet',
];

const ACTIONS = [
  'Sekretariatet kontakter KORA om datagrundlaget',
  'Slagelse og sekretariatet følger op på belægningstallene',
  'Udsende revideret udkast til kommunerne',
  'Indhente bemærkninger fra netværksgrupperne',
  'Forberede sag til næste møde i K17',
  'Afklare spørgsmålet med Socialstyrelsen',
  'Opdatere mødekalenderen og dele den med forummet',
  'Udarbejde notat om takstudviklingen',
];

export const MUNICIPALITIES = [
  'Faxe Kommune',
  'Greve Kommune',
  'Guldborgsund Kommune',
  'Holbæk Kommune',
  'Kalundborg Kommune',
  'Køge Kommune',
  'Lejre Kommune',
  'Lolland Kommune',
  'Næstved Kommune',
  'Odsherred Kommune',
  'Ringsted Kommune',
  'Roskilde Kommune',
  'Slagelse Kommune',
  'Solrød Kommune',
  'Sorø Kommune',
  'Stevns Kommune',
  'Vordingborg Kommune',
  'Region Sjælland',
];

const FIRST_NAMES = ['Anne', 'Bo', 'Camilla', 'Christian', 'Dorte', 'Henrik', 'Jette', 'Lars', 'Mette', 'Niels', 'Pia', 'Søren', 'Tina', 'Ulla'];
const LAST_NAMES = ['Hansen', 'Jensen', 'Nielsen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Madsen'];

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z]+/g, '');

/** A fixed staff, so owners repeat across follow-ups as real people do. */
export const PEOPLE: Owner[] = Array.from({ length: 60 }, (_, i) => {
  const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`;
  const organisation = MUNICIPALITIES[(i * 5) % MUNICIPALITIES.length];
  return { name, email: `${slug(name)}${i}@${slug(organisation)}.dk`, organisation };
});

export const SECRETARIAT: Owner = { name: 'Rammeaftalesekretariatet', email: 'rammeaftale@holb.dk', organisation: 'Rammeaftalesekretariatet' };

const sentences = (rng: Prng, min: number, max: number): string => {
  const count = rng.int(min, max);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(rng.pick(SENTENCES));
  return parts.join(' ');
};

export const caseTitle = (rng: Prng, year: number): string => `${rng.pick(TOPICS)} ${year}: ${rng.pick(QUALIFIERS)}`;
export const caseSummary = (rng: Prng): string => sentences(rng, 1, 3);
export const caseBackground = (rng: Prng): string => sentences(rng, 2, 5);
export const recommendation = (rng: Prng, forumName: string): string[] =>
  Array.from({ length: rng.int(1, 3) }, () => `Det indstilles, at ${forumName} ${rng.pick(RECOMMENDATIONS)}`);
export const decisionText = (rng: Prng): string => rng.pick(DECISIONS);
export const decisionPoints = (rng: Prng): string[] => Array.from({ length: rng.int(0, 3) }, () => rng.pick(POINTS));
export const followUpDescription = (rng: Prng): string => rng.pick(ACTIONS);
export const attachmentTitle = (rng: Prng, i: number): string => `Bilag ${i + 1}: ${rng.pick(TOPICS)}`;
export const person = (rng: Prng): Owner => rng.pick(PEOPLE);
