/** A request without valid credentials (401), or with credentials whose role does not allow it (403). */
export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
  constructor(
    readonly status: 401 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const signInRequired = (): AccessDeniedError => new AccessDeniedError(401, 'auth.required', 'Log ind først: send Authorization: Bearer <token>.');
export const forbidden = (): AccessDeniedError => new AccessDeniedError(403, 'auth.forbidden', 'Din rolle giver ikke adgang til dette.');
export const invalidCredentials = (): AccessDeniedError => new AccessDeniedError(401, 'auth.invalid', 'Forkert e-mailadresse eller adgangskode.');
export const formRefused = (): AccessDeniedError =>
  new AccessDeniedError(403, 'auth.form_refused', 'Formularen kom ikke fra denne side, eller den er for gammel. Indlæs siden igen, og prøv igen.');
