import { pageTemplate } from './page-kit';

export interface Choice {
  id: string;
  name: string;
  selected?: boolean;
}

export interface CasePageData {
  id: string;
  title: string;
  kindName: string;
  statusName: string;
  summary?: string;
  recommendation: string[];
  presenter?: string;
  chain: { forumName: string; text: string; meetingId?: string; state: 'done' | 'scheduled' | 'waiting' }[];
  timeline: { when: string; what: string; who: string }[];
  followUps: { id: string; description: string; owners: string; due: string; statusName: string; open: boolean; overdue: boolean }[];
  /** The next step's forms, for the secretariat while the case is open. */
  actions?: {
    upcoming: Choice[];
    scheduled: Choice[];
    held: Choice[];
    forums: Choice[];
    outcomes: Choice[];
    purposes: Choice[];
  };
  canCompleteFollowUps: boolean;
  refusal?: { formId: string; message: string };
  typed: Record<string, string>;
  back: string;
}

const refusalFor = (formId: string) => `{{#if (eq refusal.formId "${formId}")}}<p class="refusal" role="alert">{{refusal.message}}</p>{{/if}}`;

const options = (list: string, selectedField: string) =>
  `{{#each ${list}}}<option value="{{id}}"{{#if (eq id (lookup @root.typed "${selectedField}"))}} selected{{/if}}>{{name}}</option>{{/each}}`;

export const casePage = pageTemplate<CasePageData>(`
<p><span class="tag">{{kindName}}</span> <strong>{{statusName}}</strong>{{#if presenter}} · Fremlægges af {{presenter}}{{/if}}</p>
{{#if summary}}<p>{{summary}}</p>{{/if}}
{{#if recommendation.length}}<h2>Indstilling</h2><ul>{{#each recommendation}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
<div class="columns">
<section aria-labelledby="kaede">
<h2 id="kaede">Vejen gennem fora</h2>
<ol class="timeline">{{#each chain}}<li><strong>{{forumName}}</strong>: {{text}}{{#if meetingId}} (<a href="/moeder/{{meetingId}}">mødet</a>){{/if}}</li>{{/each}}</ol>
</section>
<section aria-labelledby="historik">
<h2 id="historik">Historik</h2>
<ol class="timeline">{{#each timeline}}<li><span class="muted">{{when}}</span> – {{what}} <span class="muted">({{who}})</span></li>{{/each}}</ol>
</section>
</div>
<h2>Opfølgninger</h2>
${refusalFor('opfoelgninger')}
{{#if followUps.length}}<table class="cards"><thead><tr><th>Opfølgning</th><th>Ejer</th><th>Frist</th><th>Status</th><th></th></tr></thead><tbody>
{{#each followUps}}<tr><td data-label="Opfølgning">{{description}}</td><td data-label="Ejer">{{owners}}</td><td data-label="Frist">{{due}}</td>
<td data-label="Status">{{#if overdue}}<span class="aged">Over fristen</span>{{else}}{{statusName}}{{/if}}</td>
<td>{{#if open}}{{#if @root.canCompleteFollowUps}}<form method="post" action="/opfoelgninger/{{id}}/udfoert" class="inline">{{> csrf}}<input type="hidden" name="tilbage" value="{{@root.back}}"><button type="submit" class="secondary" aria-label="Markér udført: {{description}}">Markér udført</button></form>{{/if}}{{/if}}</td></tr>{{/each}}
</tbody></table>{{else}}<p>Ingen opfølgninger.</p>{{/if}}
{{#if actions}}
<h2>Næste skridt</h2>
<div class="columns">
{{#if actions.upcoming.length}}<form method="post" action="/sager/{{id}}/dagsorden">{{> csrf}}<fieldset><legend>Sæt på dagsordenen</legend>
  ${refusalFor('dagsorden')}
  <label for="dagsorden-moede">Møde</label><select id="dagsorden-moede" name="meetingId" required>${options('actions.upcoming', 'meetingId')}</select>
  <p><button type="submit">Sæt på dagsordenen</button></p></fieldset></form>{{/if}}
{{#if actions.scheduled.length}}<form method="post" action="/sager/{{id}}/beslut">{{> csrf}}<fieldset><legend>Beslutning</legend>
  ${refusalFor('beslut')}
  <label for="beslut-moede">Møde</label><select id="beslut-moede" name="meetingId" required>${options('actions.scheduled', 'meetingId')}</select>
  <label for="beslut-udfald">Udfald</label><select id="beslut-udfald" name="outcome">${options('actions.outcomes', 'outcome')}</select>
  <label for="beslut-tekst">Beslutningen, som den står i referatet</label><textarea id="beslut-tekst" name="text" rows="4" required>{{typed.text}}</textarea>
  <p><button type="submit">Gem beslutningen</button></p></fieldset></form>
<form method="post" action="/sager/{{id}}/udsaet">{{> csrf}}<fieldset><legend>Udsæt</legend>
  ${refusalFor('udsaet')}
  <label for="udsaet-fra">Fra mødet</label><select id="udsaet-fra" name="fromMeetingId" required>${options('actions.scheduled', 'fromMeetingId')}</select>
  <label for="udsaet-aarsag">Begrundelse</label><input id="udsaet-aarsag" name="reason" value="{{typed.reason}}" style="width: 100%">
  <p><button type="submit" class="secondary">Udsæt til næste møde</button></p></fieldset></form>{{/if}}
{{#if actions.held.length}}<form method="post" action="/sager/{{id}}/videre">{{> csrf}}<fieldset><legend>Send videre</legend>
  ${refusalFor('videre')}
  <label for="videre-moede">Fra mødet</label><select id="videre-moede" name="meetingId" required>${options('actions.held', 'meetingId')}</select>
  <label for="videre-forum">Til</label><select id="videre-forum" name="toForumId" required>${options('actions.forums', 'toForumId')}</select>
  <label for="videre-formaal">Formål</label><select id="videre-formaal" name="purpose">${options('actions.purposes', 'purpose')}</select>
  <p><button type="submit">Send videre</button></p></fieldset></form>{{/if}}
<form method="post" action="/sager/{{id}}/opfoelgning">{{> csrf}}<fieldset><legend>Ny opfølgning</legend>
  ${refusalFor('opfoelgning')}
  <label for="opf-beskrivelse">Hvad skal gøres</label><input id="opf-beskrivelse" name="description" required value="{{typed.description}}" style="width: 100%">
  <label for="opf-ejer">Ejer</label><input id="opf-ejer" name="ownerName" required value="{{typed.ownerName}}">
  <label for="opf-email">Ejerens e-mailadresse (kan udelades)</label><input id="opf-email" name="ownerEmail" type="email" value="{{typed.ownerEmail}}">
  <label for="opf-frist">Frist</label><input id="opf-frist" name="due" type="date" value="{{typed.due}}">
  <p><button type="submit">Tilføj opfølgning</button></p></fieldset></form>
</div>
{{/if}}`);
