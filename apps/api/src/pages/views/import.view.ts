import { pageTemplate } from './page-kit';

export interface ImportPageData {
  forums: { id: string; name: string; selected: boolean }[];
  typed: { text?: string; meetingDate?: string };
  refusal?: { formId: string; message: string };
  /** After a review: what was read, and the button that imports it. */
  review?: { id: string; report: string; steps: number };
  /** After the import. */
  result?: { summary: string; meetingId: string };
}

const forumAndDate = (prefix: string) => `<div class="filters">
  <div><label for="${prefix}-forum">Forum, hvis referatet ikke selv siger det</label><select id="${prefix}-forum" name="forumId"><option value="">Læs det af referatet</option>{{#each forums}}<option value="{{id}}"{{#if selected}} selected{{/if}}>{{name}}</option>{{/each}}</select></div>
  <div><label for="${prefix}-dato">Mødets dato, hvis referatet ikke selv siger den</label><input id="${prefix}-dato" name="meetingDate" type="date" value="{{typed.meetingDate}}"></div>
</div>`;

export const importPage = pageTemplate<ImportPageData>(`
{{#if result}}
<p class="notice" role="status">{{result.summary}}</p>
<p><a href="/moeder/{{result.meetingId}}">Se mødet og dets dagsorden</a> · <a href="/tavle">Til tavlen</a> · <a href="/import">Importér et referat mere</a></p>
{{else}}{{#if review}}
<h2>Gennemgang</h2>
<p>Læs gennemgangen. Importen tilføjer {{review.steps}} hændelser. Intet er gemt endnu.</p>
<pre style="white-space: pre-wrap; background: #f6f6f6; padding: 0.75rem; border-radius: 4px">{{review.report}}</pre>
<form method="post" action="/import/{{review.id}}/bekraeft" class="inline">{{> csrf}}<button type="submit">Bekræft og importér</button></form>
<a href="/import">Annullér</a>
{{else}}
<p>Indsæt referatet som tekst, eller vælg filen (.pdf, .docx eller .txt). Du ser en gennemgang, før noget bliver gemt.</p>
{{> refusal}}
<form method="post" action="/import">{{> csrf}}
  <label for="tekst">Referatet som tekst</label>
  <textarea id="tekst" name="text" rows="14" required>{{typed.text}}</textarea>
  ${forumAndDate('tekst')}
  <p><button type="submit">Gennemgå</button></p>
</form>
<h2>Eller en fil</h2>
<form method="post" action="/import/fil?_csrf={{frame.csrfToken}}" enctype="multipart/form-data">
  <label for="fil">Referatet som fil</label>
  <input id="fil" name="file" type="file" accept=".pdf,.docx,.txt" required>
  ${forumAndDate('fil')}
  <p><button type="submit">Gennemgå filen</button></p>
</form>
{{/if}}{{/if}}`);
