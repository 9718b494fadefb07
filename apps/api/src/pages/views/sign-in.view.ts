import { pageTemplate } from './page-kit';

export const signInPage = pageTemplate<{ email?: string; next?: string; refusal?: { formId: string; message: string } }>(`
<form method="post" action="/log-ind" style="max-width: 24rem">
  {{> csrf}}
  {{#if next}}<input type="hidden" name="naeste" value="{{next}}">{{/if}}
  {{> refusal}}
  <label for="email">E-mailadresse</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}" style="width: 100%"{{#unless email}} autofocus{{/unless}}>
  <label for="password">Adgangskode</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required style="width: 100%"{{#if email}} autofocus{{/if}}>
  <p><button type="submit">Log ind</button></p>
</form>
<p class="muted">Har du glemt din adgangskode, så skriv til sekretariatet.</p>`);
