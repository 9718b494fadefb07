import { FollowUpsPage } from './follow-ups.page';
import { PageActions } from './page-actions';
import { PageFrames } from './page-frames';
import { PagesFilter } from './pages.filter';
import { SignInPage } from './sign-in.page';

/** The web pages, served by the API app at `/`, in Danish. */
export const PAGES = [SignInPage, FollowUpsPage];

export const PAGE_PROVIDERS = [PageFrames, PageActions, PagesFilter];
