/** A coded error answer of the packages' endpoints, `{ "error": { "code", "message" } }` (the event intake's shape since its first version). */
export const problemResponse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { headers: { 'Cache-Control': 'no-store' }, status })
