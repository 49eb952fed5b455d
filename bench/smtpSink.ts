import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server in its own process (as a mail relay would be), so receiving does not share the
 * sender's CPU time. It reads every message to the end and counts it; the parent asks over IPC.
 */
let received = 0
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined)
    stream.on('end', () => {
      received++
      callback()
    })
  },
  size: 10 * 1024 * 1024,
})
server.on('error', () => undefined)
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
})
process.on('message', (message) => {
  if (message === 'count') process.send?.({ received })
  if (message === 'reset') received = 0
  // Peak resident memory in KB, for the scale bench's "every process under 1 GB".
  if (message === 'memory') process.send?.({ maxRss: process.resourceUsage().maxRSS })
})
