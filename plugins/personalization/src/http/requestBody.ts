import type { PayloadRequest } from 'payload'

import { CodedError } from '../errors'

/** What a body is read from: a Payload endpoint's request (a Web Request underneath). */
export type BodySource = Pick<PayloadRequest, 'headers'> & { body?: null | ReadableStream<Uint8Array> }

/** The fields of a form: a field sent more than once (checkboxes) is a list. */
export type FormFields = Record<string, string | string[]>

const mediaType = (req: BodySource) => (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()

/** The body's bytes, never more than `limit`: a larger body is refused before it is all in memory. */
export async function readBytes(req: BodySource, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new CodedError('BODY_TOO_LARGE', `The body is larger than ${limit} bytes`)
  if (Number(req.headers.get('content-length')) > limit) throw tooLarge()
  if (!req.body) return new Uint8Array()
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks)
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
}

function formFields(params: URLSearchParams): FormFields {
  // No prototype: a field named "__proto__" is just a field.
  const fields: FormFields = Object.create(null)
  for (const [name, value] of params) {
    const earlier = fields[name]
    fields[name] = earlier === undefined ? value : [earlier, value].flat()
  }
  return fields
}

/**
 * A request body, as express's json and urlencoded parsers gave it: JSON parsed, a form as its
 * fields; a body of any other type is not read (undefined). Payload hands endpoints the raw
 * request, so the size limit is enforced here. Too large: BODY_TOO_LARGE (413); not JSON though
 * it says so: MALFORMED_JSON (400). Either way nothing has been done with it.
 */
export async function readBody(req: BodySource, limit: number): Promise<FormFields | unknown> {
  const type = mediaType(req)
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return undefined
  const text = new TextDecoder().decode(await readBytes(req, limit))
  if (type === 'application/x-www-form-urlencoded') return formFields(new URLSearchParams(text))
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new CodedError('MALFORMED_JSON', 'The body is not valid JSON')
  }
}

/**
 * A JSON body sent as `text/plain` or `application/json`: `navigator.sendBeacon` can only send a
 * string as text/plain, and text/plain keeps a cross-origin fetch a simple request (no preflight).
 * Any other type is not read (undefined); errors as `readBody`.
 */
export async function readJsonText(req: BodySource, limit: number): Promise<unknown> {
  const type = mediaType(req)
  if (type !== 'application/json' && type !== 'text/plain') return undefined
  const text = new TextDecoder().decode(await readBytes(req, limit))
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new CodedError('MALFORMED_JSON', 'The body is not valid JSON')
  }
}
