/** A page of a list and the cursor that asks for the next one; no cursor on the last page. */
export interface Page<Item> {
  items: Item[];
  nextCursor?: string;
}

/** How much of a list to give, and after which item of the page before. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** What the API gives when no `limit` is asked for, and the most it gives at once. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;

/**
 * A cursor names the place of the last item given in the list's order, not its index: an item added or
 * removed before it while a client pages does not shift the next page. Opaque to clients: base64url JSON.
 */
export const encodeCursor = (place: readonly string[]): string => Buffer.from(JSON.stringify(place), 'utf8').toString('base64url');

/** The place a cursor names, or undefined for one this list did not give (wrong length, not strings, not JSON). */
export const decodeCursor = (cursor: string, length: number): string[] | undefined => {
  try {
    const place: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(place) && place.length === length && place.every((part) => typeof part === 'string') ? (place as string[]) : undefined;
  } catch {
    return undefined;
  }
};

const comparePlaces = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
};

/** Raised for a cursor the list did not give: the API answers 400 naming `cursor`. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('cursor er ikke en markør, som denne liste har givet');
  }
}

/**
 * The page after the cursor of a list ordered by `placeOf` (which must tell every two items apart): it walks
 * the items once and keeps only the best `limit + 1` so far, so a page of a long list costs a pass, not a sort
 * of all of it.
 */
export const pageOf = <Item>(items: Iterable<Item>, placeOf: (item: Item) => readonly string[], request: PageRequest, placeLength: number): Page<Item> => {
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, placeLength);
  if (request.cursor !== undefined && after === undefined) throw new InvalidCursorError();
  const wanted = request.limit + 1;
  let kept: { place: readonly string[]; item: Item }[] = [];
  let worst: readonly string[] | undefined;
  for (const item of items) {
    const place = placeOf(item);
    if (after && comparePlaces(place, after) <= 0) continue;
    if (worst && kept.length >= wanted && comparePlaces(place, worst) >= 0) continue;
    kept.push({ place, item });
    // Sorting once the buffer holds twice the page keeps the cost of a pass near linear.
    if (kept.length >= 2 * wanted) {
      kept.sort((a, b) => comparePlaces(a.place, b.place));
      kept = kept.slice(0, wanted);
      worst = kept[kept.length - 1].place;
    }
  }
  kept.sort((a, b) => comparePlaces(a.place, b.place));
  const more = kept.length > request.limit;
  const page = kept.slice(0, request.limit);
  return { items: page.map(({ item }) => item), ...(more ? { nextCursor: encodeCursor(page[page.length - 1].place) } : {}) };
};
