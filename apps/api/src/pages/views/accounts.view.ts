import { pageTemplate } from './page-kit';

export interface AccountsPageData {
  accounts: { id: string; email: string; name: string; roleName: string; forums: string; disabled: boolean; self: boolean }[];
  forums: { id: string; name: string; checked: boolean }[];
  roles: { id: string; name: string; selected: boolean }[];
  typed: { email?: string; name?: string };
  refusal?: { formId: string; message: string };
}

export const accountsPage = pageTemplate<AccountsPageData>(`
<table class="cards">
<thead><tr><th>Navn</th><th>E-mail</th><th>Rolle</th><th>Fora</th><th></th></tr></thead>
<tbody>{{#each accounts}}<tr>
  <td data-label="Navn"><a href="/konti/{{id}}">{{name}}</a></td><td data-label="E-mail">{{email}}</td><td data-label="Rolle">{{roleName}}</td><td data-label="Fora">{{forums}}</td>
  <td>{{#if disabled}}<span class="tag warn">Lukket</span>{{else}}
    <form method="post" action="/konti/{{id}}/kode" class="inline">{{> csrf}}<label for="kode-{{id}}">Ny adgangskode</label><input id="kode-{{id}}" name="password" type="password" autocomplete="new-password" minlength="12" required><button type="submit" class="secondary">Skift</button></form>
    {{#unless self}}<form method="post" action="/konti/{{id}}/luk" class="inline">{{> csrf}}<button type="submit" class="secondary" aria-label="Luk kontoen for {{email}}">Luk konto</button></form>{{/unless}}{{/if}}</td>
</tr>{{/each}}</tbody>
</table>
<h2>Ny konto</h2>
{{> refusal}}
<form method="post" action="/konti" style="max-width: 32rem">{{> csrf}}
  <label for="konto-email">E-mailadresse</label><input id="konto-email" name="email" type="email" required value="{{typed.email}}" style="width: 100%">
  <label for="konto-navn">Navn</label><input id="konto-navn" name="name" required value="{{typed.name}}" style="width: 100%">
  <label for="konto-rolle">Rolle</label><select id="konto-rolle" name="role">{{#each roles}}<option value="{{id}}"{{#if selected}} selected{{/if}}>{{name}}</option>{{/each}}</select>
  <fieldset><legend>Fora (for formand og medlem)</legend>{{#each forums}}<div class="inline"><input type="checkbox" id="forum-{{id}}" name="forum-{{id}}" value="1"{{#if checked}} checked{{/if}}><label for="forum-{{id}}">{{name}}</label></div>{{/each}}</fieldset>
  <label for="konto-kode">Adgangskode (mindst 12 tegn)</label><input id="konto-kode" name="password" type="password" autocomplete="new-password" required minlength="12" style="width: 100%">
  <p><button type="submit">Opret konto</button></p>
</form>
<p class="muted">Et personligt API-token: log ind med POST /api/auth/token, eller <code>npm run cli -- users token &lt;e-mail&gt;</code>.</p>`);

export const accountPage = pageTemplate<{
  id: string;
  email: string;
  disabled: boolean;
  forums: { id: string; name: string; checked: boolean }[];
  roles: { id: string; name: string; selected: boolean }[];
  refusal?: { formId: string; message: string };
}>(`
<p>{{email}}{{#if disabled}} <span class="tag warn">Lukket</span>{{/if}}</p>
{{> refusal}}
<form method="post" action="/konti/{{id}}/rolle" style="max-width: 32rem">{{> csrf}}
  <label for="rolle">Rolle</label><select id="rolle" name="role">{{#each roles}}<option value="{{id}}"{{#if selected}} selected{{/if}}>{{name}}</option>{{/each}}</select>
  <fieldset><legend>Fora (for formand og medlem)</legend>{{#each forums}}<div class="inline"><input type="checkbox" id="forum-{{id}}" name="forum-{{id}}" value="1"{{#if checked}} checked{{/if}}><label for="forum-{{id}}">{{name}}</label></div>{{/each}}</fieldset>
  <p><button type="submit">Gem rolle og fora</button> <a href="/konti">Tilbage til konti</a></p>
</form>`);
