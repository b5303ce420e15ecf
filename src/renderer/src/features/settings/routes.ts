// The document screens' routes, kept free of imports so the app store can list them without a cycle.
export const DOCUMENT_ROUTES = ['payments', 'invoices', 'asin', 'audit', 'settings'] as const;
export type DocumentRoute = (typeof DOCUMENT_ROUTES)[number];

/** `g` then this key opens the screen. */
export const DOCUMENT_KEYS: Record<string, DocumentRoute> = { p: 'payments', n: 'invoices', a: 'asin', l: 'audit', s: 'settings' };

/** The document a route's address names: `#/invoices/NW0696410` → "NW0696410". */
export function hashParam(hash: string): string | null {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const raw = parts[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The address of a document screen, optionally for one document. */
export function docHref(route: DocumentRoute, id?: string | null): string {
  return id ? `#/${route}/${encodeURIComponent(id)}` : `#/${route}`;
}
