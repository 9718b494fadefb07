import { pageTemplate } from './page-kit';

const catchingUpTemplate = pageTemplate<{ message: string }>(`<p>{{message}}</p>
<p class="muted">Siden henter sig selv igen om et øjeblik.</p>`);

/** What a browser shows while the read models catch up after a start: no menu, as nobody can be told apart yet. */
export const catchingUpPage = (message: string): string => catchingUpTemplate({ frame: { title: 'Vent lidt – data indlæses', menu: [], csrfToken: '' }, message });
