import { AccountsPage } from './accounts.page';
import { BoardPage } from './board.page';
import { CasePage } from './case.page';
import { FollowUpsPage } from './follow-ups.page';
import { ImportPage } from './import.page';
import { MeetingsPage } from './meetings.page';
import { PageActions } from './page-actions';
import { PageFrames } from './page-frames';
import { PagesFilter } from './pages.filter';
import { SignInPage } from './sign-in.page';

/** The web pages, served by the API app at `/`, in Danish. */
export const PAGES = [SignInPage, FollowUpsPage, BoardPage, CasePage, MeetingsPage, ImportPage, AccountsPage];

export const PAGE_PROVIDERS = [PageFrames, PageActions, PagesFilter];
