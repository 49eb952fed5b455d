import type { NextFunction, Request, RequestHandler, Response } from 'express'

import { label } from '../i18n/label'
import { refuse } from './refuse'

/** The largest GraphQL request body: queries are small, and Payload's GraphQL handler reads the whole body into memory. */
export const GRAPHQL_BODY_LIMIT = 1024 * 1024

/**
 * Refuses an oversized body on /api/graphql by its Content-Length, before any of it is read (Node
 * discards the rest). A body without a length (chunked) is refused as well: its size is only known
 * after reading it, and GraphQL clients always send a length.
 */
export function limitGraphQLBody(limit = GRAPHQL_BODY_LIMIT): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.path !== '/api/graphql') return next()
    const length = req.get('content-length')
    if (length === undefined && req.get('transfer-encoding')) {
      return refuse(
        req,
        res,
        411,
        'LENGTH_REQUIRED',
        label('Bitte senden Sie die Anfrage mit Content-Length.', 'Please send the request with a Content-Length.'),
      )
    }
    if (Number(length) > limit) {
      const megabytes = (limit / 1024 / 1024).toLocaleString('de-DE')
      return refuse(
        req,
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        label(`Die Anfrage ist größer als ${megabytes} MB.`, `The request is larger than ${megabytes} MB.`),
      )
    }
    next()
  }
}
