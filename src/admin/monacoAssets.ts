/**
 * Where the app serves Monaco's AMD build (node_modules/monaco-editor/min/vs), for the code editor of
 * the admin (SelfHostedCodeEditor) and the server that serves it (src/server.ts). No CDN at run time.
 */
export const MONACO_ASSETS_PATH = '/vendor/monaco-editor/vs'
