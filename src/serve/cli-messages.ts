// Pure: what ./bin/run says when it is used wrongly, and what its banner says about where it listens.

/** A mistake in the command line: printed as its one-line message, exit code 2. */
export class UsageError extends Error {}

/** node:util's refusal of an option, as one line that names the option and points to --help. */
export function usageErrorOf(error: unknown): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') return error
  const option = /'(--?[^' <]+)/.exec(message)?.[1] ?? 'An option'
  const problem =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `Unknown option ${option}`
      : /does not take an argument/.test(message)
        ? `${option} takes no value`
        : `${option} needs a value (one that starts with "-" is written ${option}=<value>)`
  return new UsageError(`${problem}. Run ./bin/run --help for the options.`)
}

/**
 * The URL to print for the server: a wildcard address (0.0.0.0, ::) is no name a client can use, and the server
 * answers only requests addressed to a loopback name or to its own address (guard.ts), so the loopback's instead.
 */
export function reachableUrl(url: string): string {
  const address = new URL(url)
  if (address.hostname === '0.0.0.0') address.hostname = '127.0.0.1'
  if (address.hostname === '[::]') address.hostname = '[::1]'
  return address.origin
}

/** What listening beyond the loopback means, said plainly; nothing when the server listens on the loopback alone. */
export function exposureWarning(host: string, url: string): string[] {
  if (/^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i.test(host)) return []
  const { port } = new URL(url)
  const where = ['0.0.0.0', '::'].includes(host) ? 'every network interface of this machine' : host
  return [
    '',
    `WARNING: listening on ${where}, not only on this machine's loopback.`,
    `This server has no authentication: any client that can reach port ${port} and sends the header`,
    `"Host: 127.0.0.1:${port}" has full access: it reads every delivery, sends calls with the configured`,
    'credentials and sets faults. Use --host only on a network you trust.'
  ]
}
