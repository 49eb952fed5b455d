import express, { type RequestHandler } from 'express'
import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * The installed monaco-editor's AMD build, served by this app (mounted at MONACO_ASSETS_PATH), so the
 * admin's code and JSON fields work without internet access (docs/decisions.md). Served straight from
 * node_modules: no copy to go stale, always the version package.json pins. A file that is not there is
 * a 404 here, not a page of the admin.
 */
export function serveMonacoAssets(): RequestHandler {
  // monaco-editor's `require` entry is min/vs/index.js: its folder is the `vs` root the loader wants.
  const vs = path.dirname(createRequire(import.meta.url).resolve('monaco-editor'))
  return express.static(vs, { fallthrough: false, index: false, maxAge: '1d' })
}
