import Handlebars from 'handlebars';

/** What every page's layout needs: who is signed in, which menu item is theirs, and the form token. */
export interface PageFrame {
  title: string;
  /** Absent on the sign-in page. */
  user?: { name: string; email: string; roleName: string };
  menu: { href: string; label: string; current: boolean }[];
  csrfToken: string;
  /** A line confirming what was just done ("Opfølgningen er markeret som udført"). */
  notice?: string;
}

// A private instance: the partials are no one else's, and every {{value}} is HTML-escaped.
const views = Handlebars.create();

views.registerHelper('eq', (a: unknown, b: unknown) => a === b);

views.registerPartial(
  'csrf',
  `<input type="hidden" name="_csrf" value="{{@root.frame.csrfToken}}">`,
);

views.registerPartial(
  'refusal',
  `{{#if refusal}}<p class="refusal" role="alert" id="{{refusal.formId}}-fejl">{{refusal.message}}</p>{{/if}}`,
);

views.registerPartial(
  'layout',
  `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{frame.title}} – Beslutningsopfølgning</title>
<style>
  :root { --blue: #0b4f8a; --ink: #1b1b1b; --grey: #5a5a5a; --line: #d6d6d6; --warn: #8a1c0b; --warnbg: #fdecea; --okbg: #e8f3ea; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 1rem; line-height: 1.5; color: var(--ink); background: #fff; }
  header { background: var(--blue); color: #fff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
  header .brand { font-weight: 700; margin-right: auto; }
  header a { color: #fff; text-decoration: none; padding: 0.25rem 0.5rem; border-radius: 4px; }
  header a[aria-current="page"] { background: rgba(255,255,255,0.2); }
  header form { margin: 0; }
  header button { background: transparent; border: 1px solid #fff; padding: 0.2rem 0.6rem; }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
  h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); }
  th { font-size: 0.875rem; color: var(--grey); font-weight: 600; }
  a { color: var(--blue); }
  button, .button { font: inherit; padding: 0.35rem 0.9rem; color: #fff; background: var(--blue); border: 2px solid var(--blue); border-radius: 4px; cursor: pointer; text-decoration: none; display: inline-block; }
  button.secondary { color: var(--blue); background: #fff; }
  button:hover { filter: brightness(0.9); }
  :focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
  input, select, textarea { font: inherit; padding: 0.3rem 0.4rem; border: 1px solid #8a8a8a; border-radius: 4px; max-width: 100%; }
  textarea { width: 100%; }
  label { font-weight: 600; display: block; margin: 0.5rem 0 0.2rem; }
  .inline { display: inline-flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin: 0.15rem 0; }
  .inline label { display: inline; margin: 0; font-weight: 400; }
  .filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-bottom: 1rem; }
  .filters label { margin: 0; }
  .notice { background: var(--okbg); padding: 0.5rem 0.75rem; border-radius: 4px; }
  .refusal { background: var(--warnbg); color: var(--warn); padding: 0.5rem 0.75rem; border-radius: 4px; font-weight: 600; }
  .aged { color: var(--warn); font-weight: 700; }
  .tag { display: inline-block; font-size: 0.8rem; padding: 0 0.4rem; border-radius: 3px; background: #eef2f7; color: var(--blue); }
  .tag.warn { background: var(--warnbg); color: var(--warn); }
  .muted { color: var(--grey); }
  .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem 2rem; }
  ol.timeline { padding-left: 1.2rem; }
  ol.timeline li { margin-bottom: 0.4rem; }
  fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0.75rem 0; }
  @media (max-width: 40rem) {
    table.cards thead { display: none; }
    table.cards tr { display: block; border-bottom: 2px solid var(--line); padding: 0.5rem 0; }
    table.cards td { display: block; border: 0; padding: 0.15rem 0; }
    table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--grey); }
  }
</style>
</head>
<body>
<header>
  <span class="brand">Beslutningsopfølgning</span>
  {{#if frame.user}}
  <nav aria-label="Hovedmenu">{{#each frame.menu}}<a href="{{href}}"{{#if current}} aria-current="page"{{/if}}>{{label}}</a>{{/each}}</nav>
  <span>{{frame.user.name}} ({{frame.user.roleName}})</span>
  <form method="post" action="/log-ud">{{> csrf}}<button type="submit">Log ud</button></form>
  {{/if}}
</header>
<main>
<h1>{{frame.title}}</h1>
{{#if frame.notice}}<p class="notice" role="status">{{frame.notice}}</p>{{/if}}
{{> @partial-block}}
</main>
</body>
</html>
`,
);

/** A page template: its data always has the frame, and whatever the page shows. */
export const pageTemplate = <T extends object>(source: string): ((data: T & { frame: PageFrame }) => string) =>
  views.compile(`{{#> layout}}${source}{{/layout}}`, { strict: false });
