import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

import { restoreLiquidTokens } from './html'

type RichText = null | Parameters<typeof convertLexicalToHTML>[0]['data'] | undefined

/** Block body as HTML for email and web; Liquid tokens survive for per-reader rendering. */
export function richTextToHtml(data: RichText): string {
  if (!data) return ''
  return restoreLiquidTokens(convertLexicalToHTML({ data, disableContainer: true }))
}

export function richTextToText(data: RichText): string {
  return data ? convertLexicalToPlaintext({ data }).trim() : ''
}
