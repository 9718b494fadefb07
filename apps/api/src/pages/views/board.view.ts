import { pageTemplate } from './page-kit';

export interface BoardRow {
  id: string;
  title: string;
  kindName: string;
  statusName: string;
  steps: { text: string; meetingId?: string; meetingText?: string }[];
  postponed?: string;
  waitingSince?: string;
  aged: boolean;
  standing: boolean;
}

export interface BoardPageData {
  intro: string;
  nextMeetings: { meetingId: string; forumName: string; when: string; count: number }[];
  filters: {
    q?: string;
    aged: boolean;
    standing: boolean;
    forums: { id: string; name: string; selected: boolean }[];
    stages: { id: string; name: string; selected: boolean }[];
  };
  rows: BoardRow[];
  nextPage?: string;
  ageingRule: string;
}

export const boardPage = pageTemplate<BoardPageData>(`
<p>{{intro}}</p>
{{#if nextMeetings.length}}<h2>Næste møder</h2>
<ul>{{#each nextMeetings}}<li><a href="/moeder/{{meetingId}}">{{forumName}} {{when}}</a>: {{count}} {{#if (eq count 1)}}sag{{else}}sager{{/if}} på dagsordenen</li>{{/each}}</ul>{{/if}}
<h2>Sager</h2>
<form method="get" action="/tavle" class="filters" role="search">
  <div><label for="q">Søg i titler og beslutninger</label><input id="q" name="q" type="search" value="{{filters.q}}"></div>
  <div><label for="forum">Forum</label><select id="forum" name="forum"><option value="">Alle</option>{{#each filters.forums}}<option value="{{id}}"{{#if selected}} selected{{/if}}>{{name}}</option>{{/each}}</select></div>
  <div><label for="stage">Hvor langt</label><select id="stage" name="stage"><option value="">Alle</option>{{#each filters.stages}}<option value="{{id}}"{{#if selected}} selected{{/if}}>{{name}}</option>{{/each}}</select></div>
  <div class="inline"><input id="aged" name="aged" type="checkbox" value="1"{{#if filters.aged}} checked{{/if}}><label for="aged">Kun dem, der har ventet for længe</label></div>
  <div class="inline"><input id="standing" name="faste" type="checkbox" value="1"{{#if filters.standing}} checked{{/if}}><label for="standing">Vis faste punkter</label></div>
  <button type="submit">Vis</button>
</form>
{{#if rows.length}}
<table class="cards">
<thead><tr><th>Sag</th><th>Hvor den står</th><th>Udsat</th><th>Venter siden</th><th>Status</th></tr></thead>
<tbody>
{{#each rows}}<tr id="sag-{{id}}">
  <td data-label="Sag"><a href="/sager/{{id}}">{{title}}</a> <span class="tag">{{kindName}}</span>{{#if standing}} <span class="tag">fast punkt</span>{{/if}}</td>
  <td data-label="Hvor den står">{{#each steps}}<div>{{text}}{{#if meetingId}} <a href="/moeder/{{meetingId}}">{{meetingText}}</a>{{/if}}</div>{{/each}}</td>
  <td data-label="Udsat">{{#if postponed}}{{postponed}}{{else}}–{{/if}}</td>
  <td data-label="Venter siden">{{#if waitingSince}}{{waitingSince}}{{else}}–{{/if}}{{#if aged}} <span class="tag warn">Venter for længe</span>{{/if}}</td>
  <td data-label="Status">{{statusName}}</td>
</tr>{{/each}}
</tbody>
</table>
{{#if nextPage}}<p><a href="{{nextPage}}" rel="next">Næste side</a></p>{{/if}}
{{else}}<p>Ingen sager passer til søgningen.</p>{{/if}}
<p class="muted">{{ageingRule}}</p>`);
