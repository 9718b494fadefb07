import { pageTemplate } from './page-kit';

export interface FollowUpRow {
  id: string;
  description: string;
  owners: string;
  caseId: string;
  caseTitle: string;
  forumName: string;
  due: string;
  /** The date the form proposes, as typed when a change was refused. */
  dueInput?: string;
  daysOverdue?: number;
  overdue: boolean;
  escalation: string;
  canReschedule: boolean;
  canRemind: boolean;
  refusal?: string;
}

export interface FollowUpsPageData {
  intro: string;
  empty: string;
  rows: FollowUpRow[];
  shown: number;
  total: number;
  /** Where the forms send the browser back to. */
  back: string;
  forums?: { id: string; name: string; selected: boolean }[];
}

const actions = `<form method="post" action="/opfoelgninger/{{id}}/udfoert" class="inline">{{> csrf}}<input type="hidden" name="tilbage" value="{{@root.back}}">
    <button type="submit" aria-label="Markér udført: {{description}}">Markér udført</button></form>
  {{#if canReschedule}}<form method="post" action="/opfoelgninger/{{id}}/frist" class="inline">{{> csrf}}<input type="hidden" name="tilbage" value="{{@root.back}}">
    <label for="frist-{{id}}">Ny frist</label><input id="frist-{{id}}" name="frist" type="date" required value="{{dueInput}}">
    <button type="submit" class="secondary">Gem frist</button></form>{{/if}}
  {{#if canRemind}}<form method="post" action="/opfoelgninger/{{id}}/paamind" class="inline">{{> csrf}}<input type="hidden" name="tilbage" value="{{@root.back}}">
    <button type="submit" class="secondary">Send påmindelse nu</button></form>{{/if}}
  {{#if refusal}}<p class="refusal" role="alert">{{refusal}}</p>{{/if}}`;

export const followUpsPage = pageTemplate<FollowUpsPageData>(`
<p>{{intro}}</p>
{{#if forums}}<form method="get" class="filters">
  <div><label for="forum">Forum</label><select id="forum" name="forum"><option value="">Alle mine fora</option>{{#each forums}}<option value="{{id}}"{{#if selected}} selected{{/if}}>{{name}}</option>{{/each}}</select></div>
  <button type="submit" class="secondary">Vis</button>
</form>{{/if}}
{{#if rows.length}}
<table class="cards">
<thead><tr><th>Opfølgning</th><th>Ejer</th><th>Sag</th><th>Frist</th><th>Over frist</th><th>Eskaleret til</th><th>Handlinger</th></tr></thead>
<tbody>
{{#each rows}}<tr id="opfoelgning-{{id}}">
  <td data-label="Opfølgning">{{description}}</td>
  <td data-label="Ejer">{{owners}}</td>
  <td data-label="Sag"><a href="/sager/{{caseId}}">{{caseTitle}}</a> <span class="muted">({{forumName}})</span></td>
  <td data-label="Frist">{{due}}</td>
  <td data-label="Over frist">{{#if overdue}}<span class="aged">{{daysOverdue}} dage</span>{{else}}–{{/if}}</td>
  <td data-label="Eskaleret til">{{escalation}}</td>
  <td>${actions}</td>
</tr>{{/each}}
</tbody>
</table>
{{#if (eq shown total)}}{{else}}<p class="muted">Viser de {{shown}} ældste af {{total}}.</p>{{/if}}
{{else}}<p>{{empty}}</p>{{/if}}`);
