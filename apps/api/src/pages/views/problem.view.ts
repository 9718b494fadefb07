import { pageTemplate } from './page-kit';

export const problemPage = pageTemplate<{ message: string }>(`<p class="refusal">{{message}}</p>
<p><a href="/">Til forsiden</a></p>`);
