import Handlebars from 'handlebars';

/** A page and the status it is answered with. */
export interface Page {
  status: number;
  html: string;
}

/** Whom to write to where the page cannot help. */
export interface Contact {
  name: string;
  email: string;
}

export interface FollowUpShown {
  description: string;
  caseTitle?: string;
  /** Written out in Danish: "8. august 2025". */
  due?: string;
}

// A private instance: the partial below is no one else's, and every {{value}} is HTML-escaped by Handlebars.
const pages = Handlebars.create();

pages.registerPartial(
  'layout',
  `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{title}} – Rammeaftale Sjælland</title>
<style>
  body { margin: 0; padding: 2rem 1rem; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 1.125rem; line-height: 1.5; color: #1b1b1b; background: #fff; }
  main { max-width: 38rem; margin: 0 auto; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  dt { font-weight: 600; }
  dd { margin: 0 0 1rem; }
  button { font: inherit; padding: 0.6rem 1.4rem; color: #fff; background: #0b4f8a; border: 2px solid #0b4f8a; border-radius: 4px; cursor: pointer; }
  button:hover { background: #083a66; }
  button:focus-visible, a:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
  a { color: #0b4f8a; }
</style>
</head>
<body>
<main>
<h1>{{title}}</h1>
{{> @partial-block}}
</main>
</body>
</html>
`,
);

const followUpDetails = `<dl>
  <dt>Opfølgning</dt>
  <dd>{{followUp.description}}</dd>
  {{#if followUp.caseTitle}}<dt>Sag</dt>
  <dd>{{followUp.caseTitle}}</dd>{{/if}}
  {{#if followUp.due}}<dt>Frist</dt>
  <dd>{{followUp.due}}</dd>{{/if}}
</dl>`;

const contactLine = `<p>Kontakt {{contact.name}} på <a href="mailto:{{contact.email}}">{{contact.email}}</a>, hvis du har spørgsmål.</p>`;

const template = (source: string) => pages.compile(source, { strict: true });

const confirmation = template(`{{#> layout title="Markér opfølgningen som udført"}}
${followUpDetails}
<p>Er opfølgningen klaret, så markér den som udført her. Sekretariatet kan derefter se, at den er udført.</p>
<form method="post">
  <button type="submit">Markér som udført</button>
</form>
{{/layout}}`);

const completed = template(`{{#> layout title="Tak – opfølgningen er markeret som udført"}}
${followUpDetails}
<p>Du behøver ikke gøre mere. Du kan lukke siden.</p>
{{/layout}}`);

const alreadyDone = template(`{{#> layout title="Opfølgningen er allerede markeret som udført"}}
{{#if completedAt}}<p>Den blev markeret som udført den {{completedAt}}. Der er ikke ændret noget nu.</p>
{{else}}<p>Der er ikke ændret noget nu.</p>{{/if}}
${followUpDetails}
{{/layout}}`);

const cancelled = template(`{{#> layout title="Opfølgningen er annulleret"}}
<p>Opfølgningen er annulleret, så den kan ikke markeres som udført. Der er ikke ændret noget.</p>
${followUpDetails}
${contactLine}
{{/layout}}`);

const tampered = template(`{{#> layout title="Linket er ikke gyldigt"}}
<p>Linket kan ikke bruges. Måske er det blevet ændret, eller kun en del af det er kommet med. Der er ikke ændret noget.</p>
<p>Prøv at åbne linket direkte fra e-mailen igen, eller kopiér hele linket.</p>
${contactLine}
{{/layout}}`);

const expired = template(`{{#> layout title="Linket er udløbet"}}
<p>Linket er for gammelt til at blive brugt. Der er ikke ændret noget.</p>
<p>Brug linket i den nyeste påmindelse om opfølgningen.</p>
${contactLine}
{{/layout}}`);

const notFound = template(`{{#> layout title="Opfølgningen findes ikke"}}
<p>Linket peger på en opfølgning, som ikke findes. Der er ikke ændret noget.</p>
${contactLine}
{{/layout}}`);

const failure = template(`{{#> layout title="Der skete en fejl"}}
<p>Opfølgningen kunne ikke markeres som udført lige nu, og der er ikke ændret noget. Prøv igen om lidt.</p>
${contactLine}
{{/layout}}`);

export const confirmationPage = (followUp: FollowUpShown): Page => ({ status: 200, html: confirmation({ followUp }) });
export const completedPage = (followUp: FollowUpShown): Page => ({ status: 200, html: completed({ followUp }) });
/** `completedAt` written out in Danish, where the follow-up's history tells it. */
export const alreadyDonePage = (followUp: FollowUpShown, completedAt: string | undefined): Page => ({
  status: 409,
  html: alreadyDone({ followUp, completedAt }),
});
export const cancelledPage = (followUp: FollowUpShown, contact: Contact): Page => ({ status: 409, html: cancelled({ followUp, contact }) });
export const tamperedPage = (contact: Contact): Page => ({ status: 400, html: tampered({ contact }) });
export const expiredPage = (contact: Contact): Page => ({ status: 410, html: expired({ contact }) });
export const notFoundPage = (contact: Contact): Page => ({ status: 404, html: notFound({ contact }) });
/** An error nothing on the page can mend: a full disk (503), or something unexpected (500). */
export const failurePage = (status: number, contact: Contact): Page => ({ status, html: failure({ contact }) });

/**
 * The link in the address is the credential: it goes to no other site (no Referer), into no cache or search
 * index, and the page runs no script and cannot be framed, so no other site can press its button.
 */
export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};
