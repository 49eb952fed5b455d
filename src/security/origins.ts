/**
 * The origins whose pages may use a logged-in session: the public URL's. Without PUBLIC_URL the
 * list is empty and the server trusts the origin it was reached at (see crossOriginWrites.ts), as
 * a guessed origin would lock the admin UI out when opened under another name (127.0.0.1, a LAN name).
 */
export function trustedOrigins(): string[] {
  const configured = process.env.PUBLIC_URL
  return configured ? [new URL(configured).origin] : []
}
