/**
 * The reminder e-mails in Danish, as Handlebars templates. They live in a TS file because the build compiles
 * TS only and copies no assets. Every value is written with {{ }}: escaped in the HTML templates, which are
 * compiled with escaping on; written as is in the subject and text templates, which are compiled without it.
 * Each template gets a view whose texts are already formatted (dates, lists, counts), so the templates only
 * place them.
 */

/** The partials, by name; the text ones and the HTML ones are kept apart by their suffix. */
export const partials = {
  followUpText: `- {{description}}
  Sag: {{caseTitle}} ({{forumName}})
  Ansvarlig: {{owners}}
{{#if unreachable}}
  Kunne ikke nås (ingen e-mailadresse): {{unreachable}}
{{/if}}
{{#if due}}
  Frist: {{due}}{{#if overdue}}, overskredet med {{overdue}}{{/if}}
{{/if}}
{{#if completeUrl}}
  Markér som udført: {{completeUrl}}
{{/if}}
`,
  followUpHtml: `<li style="margin-bottom: 12px;">
  <strong>{{description}}</strong><br>
  Sag: {{caseTitle}} ({{forumName}})<br>
  Ansvarlig: {{owners}}
{{#if unreachable}}
  <br><em>Kunne ikke nås (ingen e-mailadresse): {{unreachable}}</em>
{{/if}}
{{#if due}}
  <br>Frist: {{due}}{{#if overdue}}, <strong>overskredet med {{overdue}}</strong>{{/if}}
{{/if}}
{{#if completeUrl}}
  <br><a href="{{completeUrl}}">Markér som udført</a>
{{/if}}
</li>
`,
  unreachableText: `{{#if unreachable}}
Bemærk: {{unreachable}} kunne ikke nås, da der ikke er nogen e-mailadresse. Påmindelsen er derfor sendt til sekretariatet, som bedes give den videre.

{{/if}}
`,
  unreachableHtml: `{{#if unreachable}}
<p style="padding: 8px; background: #fff4ce;">Bemærk: {{unreachable}} kunne ikke nås, da der ikke er nogen e-mailadresse. Påmindelsen er derfor sendt til sekretariatet, som bedes give den videre.</p>
{{/if}}
`,
  meetingText: `Tid: {{meeting.when}}
{{#if meeting.place}}
Sted: {{meeting.place}}
{{/if}}
`,
  meetingHtml: `<p>Tid: {{meeting.when}}
{{#if meeting.place}}
<br>Sted: {{meeting.place}}
{{/if}}
</p>
`,
  startHtml: `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{{subject}}</title>
</head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.4; color: #222;">
<p>Kære {{recipient}}</p>
`,
  endText: `Venlig hilsen
Sekretariatet for Rammeaftale Sjælland

Denne e-mail er sendt automatisk fra beslutningsopfølgningen.
`,
  endHtml: `<p>Venlig hilsen<br>Sekretariatet for Rammeaftale Sjælland</p>
<p style="font-size: 12px; color: #666;">Denne e-mail er sendt automatisk fra beslutningsopfølgningen.</p>
</body>
</html>
`,
};

export interface KindTemplates {
  subject: string;
  text: string;
  html: string;
}

export const materialDeadline: KindTemplates = {
  subject: 'Frist for materiale til mødet i {{meeting.forumName}} {{meeting.date}}',
  text: `Kære {{recipient}}

Du er oplægsholder på {{casesPhrase}} på mødet i {{meeting.forumName}} {{meeting.when}}:

{{#each cases}}
- {{title}}{{#if carriedOver}} (overført fra et tidligere møde){{/if}}
{{/each}}

Husk fristen for materiale: send sagsfremstilling, indstilling og eventuelle bilag til sekretariatet inden fristen, så det kan komme med på dagsordenen.

{{> endText}}`,
  html: `{{> startHtml}}
<p>Du er oplægsholder på {{casesPhrase}} på mødet i {{meeting.forumName}} {{meeting.when}}:</p>
<ul>
{{#each cases}}
<li>{{title}}{{#if carriedOver}} <em>(overført fra et tidligere møde)</em>{{/if}}</li>
{{/each}}
</ul>
<p><strong>Husk fristen for materiale:</strong> send sagsfremstilling, indstilling og eventuelle bilag til sekretariatet inden fristen, så det kan komme med på dagsordenen.</p>
{{> endHtml}}`,
};

export const followUpsDue: KindTemplates = {
  subject: '{{subjectCount}} til mødet i {{meeting.forumName}} {{meeting.date}}',
  text: `Kære {{recipient}}

{{> unreachableText}}
{{followUpsPhrase}} skal være udført til mødet i {{meeting.forumName}} {{meeting.when}}:

{{#each followUps}}
{{> followUpText}}

{{/each}}
Har du spørgsmål til en opfølgning, så kontakt sekretariatet.

{{> endText}}`,
  html: `{{> startHtml}}
{{> unreachableHtml}}
<p>{{followUpsPhrase}} skal være udført til mødet i {{meeting.forumName}} {{meeting.when}}:</p>
<ul>
{{#each followUps}}
{{> followUpHtml}}
{{/each}}
</ul>
<p>Har du spørgsmål til en opfølgning, så kontakt sekretariatet.</p>
{{> endHtml}}`,
};

export const agenda: KindTemplates = {
  subject: 'Dagsorden: møde i {{meeting.forumName}} {{meeting.date}}',
  text: `Kære {{recipient}}

Hermed dagsordenen til mødet i {{meeting.forumName}}.

{{> meetingText}}

Dagsorden:
{{#if cases.length}}
{{#each cases}}
{{number}}. {{title}}{{#if carriedOver}} (overført fra et tidligere møde){{/if}}
{{#if presenter}}
   Oplæg: {{presenter}}
{{/if}}
{{/each}}
{{else}}
Der er endnu ingen sager på dagsordenen.
{{/if}}

Mødet er vedhæftet som kalenderinvitation ({{calendarFile}}).

{{> endText}}`,
  html: `{{> startHtml}}
<p>Hermed dagsordenen til mødet i {{meeting.forumName}}.</p>
{{> meetingHtml}}
<h3>Dagsorden</h3>
{{#if cases.length}}
<ol>
{{#each cases}}
<li>{{title}}{{#if carriedOver}} <em>(overført fra et tidligere møde)</em>{{/if}}{{#if presenter}}<br>Oplæg: {{presenter}}{{/if}}</li>
{{/each}}
</ol>
{{else}}
<p>Der er endnu ingen sager på dagsordenen.</p>
{{/if}}
<p>Mødet er vedhæftet som kalenderinvitation ({{calendarFile}}).</p>
{{> endHtml}}`,
};

export const followUpDueDate: KindTemplates = {
  subject: '{{#if due}}Opfølgning med frist {{due}}{{else}}Påmindelse om opfølgning{{/if}}: {{followUp.caseTitle}}',
  text: `Kære {{recipient}}

{{> unreachableText}}
{{#if due}}
Følgende opfølgning har frist {{due}}:
{{else}}
Husk følgende opfølgning:
{{/if}}

{{#with followUp}}
{{> followUpText}}
{{/with}}

Har du spørgsmål til opfølgningen, så kontakt sekretariatet.

{{> endText}}`,
  html: `{{> startHtml}}
{{> unreachableHtml}}
{{#if due}}
<p>Følgende opfølgning har frist {{due}}:</p>
{{else}}
<p>Husk følgende opfølgning:</p>
{{/if}}
<ul>
{{#with followUp}}
{{> followUpHtml}}
{{/with}}
</ul>
<p>Har du spørgsmål til opfølgningen, så kontakt sekretariatet.</p>
{{> endHtml}}`,
};

export const overdueDigest: KindTemplates = {
  subject: '{{countPhrase}} i {{forumName}} pr. {{date}}',
  text: `Kære {{recipient}}

{{#if followUps.length}}
Her er opfølgningerne i {{forumName}}, hvis frist er overskredet pr. {{date}}, de længst overskredne først:

{{#each followUps}}
{{> followUpText}}

{{/each}}
{{else}}
Der er ingen overskredne opfølgninger i {{forumName}} pr. {{date}}.

{{/if}}
{{> endText}}`,
  html: `{{> startHtml}}
{{#if followUps.length}}
<p>Her er opfølgningerne i {{forumName}}, hvis frist er overskredet pr. {{date}}, de længst overskredne først:</p>
<ul>
{{#each followUps}}
{{> followUpHtml}}
{{/each}}
</ul>
{{else}}
<p>Der er ingen overskredne opfølgninger i {{forumName}} pr. {{date}}.</p>
{{/if}}
{{> endHtml}}`,
};

export const escalation: KindTemplates = {
  subject: '{{label}}: opfølgning på {{followUp.caseTitle}} ({{overdueShort}})',
  text: `Kære {{recipient}}

{{> unreachableText}}
Fristen for følgende opfølgning er {{overdueText}}:

{{#with followUp}}
{{> followUpText}}
{{/with}}

{{toldNow}}

{{> endText}}`,
  html: `{{> startHtml}}
{{> unreachableHtml}}
<p>Fristen for følgende opfølgning er <strong>{{overdueText}}</strong>:</p>
<ul>
{{#with followUp}}
{{> followUpHtml}}
{{/with}}
</ul>
<p>{{toldNow}}</p>
{{> endHtml}}`,
};
