import { pageTemplate } from './page-kit';

export interface MeetingLine {
  id: string;
  forumName: string;
  when: string;
  statusName: string;
  place?: string;
}

export const meetingsPage = pageTemplate<{ upcoming: MeetingLine[]; past: MeetingLine[]; calendars: { forumId: string; forumName: string }[] }>(`
<h2>Kommende møder</h2>
{{#if upcoming.length}}<ul>{{#each upcoming}}<li><a href="/moeder/{{id}}">{{forumName}} {{when}}</a>{{#if place}}, {{place}}{{/if}}{{#if statusName}} <span class="tag warn">{{statusName}}</span>{{/if}}</li>{{/each}}</ul>{{else}}<p>Ingen kommende møder.</p>{{/if}}
<h2>Seneste møder</h2>
{{#if past.length}}<ul>{{#each past}}<li><a href="/moeder/{{id}}">{{forumName}} {{when}}</a>{{#if statusName}} <span class="tag">{{statusName}}</span>{{/if}}</li>{{/each}}</ul>{{else}}<p>Ingen afholdte møder endnu.</p>{{/if}}
<h2>Kalendere</h2>
<ul>{{#each calendars}}<li><a href="/moeder/kalender/{{forumId}}" download>{{forumName}} (ICS)</a></li>{{/each}}</ul>`);

export interface AgendaLine {
  number: number;
  caseId: string;
  title: string;
  presenter?: string;
  purposeName: string;
  decided: boolean;
  carriedOver?: string;
  fromForumName?: string;
}

export const meetingPage = pageTemplate<{
  forumId: string;
  forumName: string;
  when: string;
  place?: string;
  statusName?: string;
  agenda: AgendaLine[];
  followUps: { description: string; owners: string; caseId: string; caseTitle: string; statusName: string }[];
}>(`
<p><strong>{{when}}</strong>{{#if place}} · {{place}}{{/if}}{{#if statusName}} <span class="tag warn">{{statusName}}</span>{{/if}}</p>
<p><a href="/moeder/kalender/{{forumId}}" download>Hent {{forumName}}s kalender (ICS)</a></p>
<h2>Dagsorden</h2>
{{#if agenda.length}}<ol>{{#each agenda}}<li><a href="/sager/{{caseId}}">{{title}}</a> <span class="tag">{{purposeName}}</span>{{#if decided}} <span class="tag">besluttet</span>{{/if}}
  {{#if carriedOver}}<span class="tag warn">Overført fra {{carriedOver}}</span>{{/if}}{{#if fromForumName}} <span class="muted">fra {{fromForumName}}</span>{{/if}}{{#if presenter}} <span class="muted">· {{presenter}}</span>{{/if}}</li>{{/each}}</ol>
{{else}}<p>Ingen sager på dagsordenen endnu.</p>{{/if}}
<h2>Opfølgninger, der skal være klaret til mødet</h2>
{{#if followUps.length}}<ul>{{#each followUps}}<li>{{description}} – {{owners}} (<a href="/sager/{{caseId}}">{{caseTitle}}</a>) <span class="tag">{{statusName}}</span></li>{{/each}}</ul>{{else}}<p>Ingen.</p>{{/if}}`);
