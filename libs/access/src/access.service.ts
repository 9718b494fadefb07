import { APP_CONFIG, AppConfig } from '@app/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { AccountView, accountsProjection, ProjectionRunner } from '@app/read-side';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { invalidCredentials } from './access.errors';
import { Principal } from './access-policy';
import { AUTH_SECRET } from './auth-secret';
import { UNKNOWN_ACCOUNT_HASH, verifyPassword } from './passwords';
import { issueToken, readToken, TokenClaims } from './tokens';

/** How long signing in waits for the read models to include the newest account before it answers. */
const SIGN_IN_READ_WAIT_MS = 5000;
/** Far more tokens than people using the system at once; the least recently used is checked again when it returns. */
const VERIFIED_TOKENS = 10_000;

export interface IssuedToken {
  token: string;
  expiresAt: string;
  account: Principal;
}

export const principalOf = ({ accountId, email, name, role, forumIds }: AccountView): Principal => ({ accountId, email, name, role, forumIds });

/** Signs people in and tells who a token belongs to, from the accounts read model. */
@Injectable()
export class AccessService {
  constructor(
    private readonly readModels: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_SECRET) private readonly secret: string,
  ) {}

  /**
   * The claims of tokens whose signature has been checked, by token: the HMAC was the larger part of the guard's
   * work on every request. Expiry, the account and its password are still checked on every request.
   */
  private readonly verified = new LRUCache<string, TokenClaims>({ max: VERIFIED_TOKENS });

  accounts(): AccountView[] {
    return [...this.readModels.model(accountsProjection).values()];
  }

  account(accountId: string): AccountView | undefined {
    return this.readModels.model(accountsProjection).get(accountId);
  }

  /** A token for the account with this e-mail and password; an unknown address and a wrong password are answered alike. */
  async signIn(email: string, password: string): Promise<IssuedToken> {
    // An account created a moment ago, by another request or process, can sign in at once.
    await this.readModels.waitFor(await this.store.headPosition(), SIGN_IN_READ_WAIT_MS).catch(() => undefined);
    const wanted = email.trim().toLowerCase();
    const account = this.accounts().find((candidate) => candidate.email === wanted);
    const matches = await verifyPassword(password, account?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
    if (!account || !matches || account.disabled) throw invalidCredentials();
    return this.issue(account);
  }

  /**
   * A token for an account, good for `hours` (TOKEN_TTL_HOURS unless given), as signing in gives one: a
   * new password or a disabled account ends it. For the command line, which an operator runs on the server.
   */
  issue(account: AccountView, hours: number = this.config.tokenTtlHours): IssuedToken {
    const expiresAt = Date.now() + hours * 3_600_000;
    const token = issueToken(this.secret, { accountId: account.accountId, credentialsVersion: account.credentialsVersion, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString(), account: principalOf(account) };
  }

  /** Whose a token is, while it is signed, unexpired, and its account open with the password it was issued under. */
  authenticate(token: string): Principal | undefined {
    const now = Date.now();
    let claims = this.verified.get(token);
    if (!claims) {
      claims = readToken(this.secret, token, now);
      if (!claims) return undefined;
      this.verified.set(token, claims);
    }
    if (claims.expiresAt <= now) return undefined;
    const account = this.account(claims.accountId);
    if (!account || account.disabled || account.credentialsVersion !== claims.credentialsVersion) return undefined;
    return principalOf(account);
  }
}
