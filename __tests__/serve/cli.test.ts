// ./bin/run as a user meets it: the compiled CLI (built from src/ when dist/ is missing or older), and a port that is
// taken answered with one line naming the option to change.
import { execFile } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { main, serve, startupText, UsageError } from '../../src/serve/cli'

jest.setTimeout(120_000)

const BIN_RUN = path.join(__dirname, '..', '..', 'bin', 'run')

interface Ran {
  code: number
  stdout: string
  stderr: string
}

async function binRun(...args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN_RUN, ...args], { timeout: 100_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

/** A port held by another server on 127.0.0.1 until release() is called. */
async function takePort(): Promise<{ port: number; release: () => Promise<void> }> {
  const holder = net.createServer()
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
  const port = (holder.address() as net.AddressInfo).port
  return { port, release: () => new Promise((resolve) => holder.close(() => resolve())) }
}

describe('./bin/run', () => {
  it('runs the compiled CLI: --help answers with the usage and nothing on stderr but a build notice', async () => {
    const ran = await binRun('--help')
    expect(ran.code).toBe(0)
    expect(ran.stdout).toMatch(/^Usage: \.\/bin\/run <command> \[options\]/)
    // dist/ is rebuilt only when src/ changed since the last build (npm ci builds it through the prepare script).
    expect(ran.stderr.replace('Building dist/ from src/ (npm run build)…\n', '')).toBe('')
  })

  it('names --port in one line, without a stack, when the port is taken', async () => {
    const taken = await takePort()
    try {
      const ran = await binRun('serve', '--port', String(taken.port))
      expect(ran.code).toBe(2)
      expect(ran.stdout).toBe('')
      expect(ran.stderr.replace('Building dist/ from src/ (npm run build)…\n', '')).toBe(
        `Port ${taken.port} on 127.0.0.1 is in use: choose another with --port <n> (0 picks a free one).\n`
      )
    } finally {
      await taken.release()
    }
  })
})

describe('main', () => {
  it('refuses a taken --port with a UsageError naming the option', async () => {
    const taken = await takePort()
    try {
      const running = main(['serve', '--port', String(taken.port)], () => undefined)
      await expect(running).rejects.toThrow(UsageError)
      await expect(running).rejects.toThrow(
        `Port ${taken.port} on 127.0.0.1 is in use: choose another with --port <n> (0 picks a free one).`
      )
    } finally {
      await taken.release()
    }
  })

  it('refuses a taken --sim-port the same way', async () => {
    const taken = await takePort()
    try {
      await expect(main(['serve', '--port', '0', '--sim-port', String(taken.port)], () => undefined)).rejects.toThrow(
        `Port ${taken.port} on 127.0.0.1 is in use: choose another with --sim-port <n> (0 picks a free one).`
      )
    } finally {
      await taken.release()
    }
  })
})

describe('options the CLI does not take', () => {
  it.each([
    [['--bogus'], 'Unknown option --bogus. Run ./bin/run --help for the options.'],
    [['serve', '-x'], 'Unknown option -x. Run ./bin/run --help for the options.'],
    [['serve', '--bogus=3'], 'Unknown option --bogus. Run ./bin/run --help for the options.'],
    [
      ['serve', '--port'],
      '--port needs a value (one that starts with "-" is written --port=<value>). Run ./bin/run --help for the options.'
    ],
    [
      ['serve', '--port', '--live'],
      '--port needs a value (one that starts with "-" is written --port=<value>). Run ./bin/run --help for the options.'
    ],
    [['serve', '--live=yes'], '--live takes no value. Run ./bin/run --help for the options.']
  ])('refuses %j with one line naming the option and pointing to --help', async (argv, message) => {
    const running = main(argv, () => undefined)
    await expect(running).rejects.toThrow(UsageError)
    await expect(running).rejects.toThrow(new UsageError(message))
  })

  it('./bin/run --bogus prints that line alone on stderr and exits 2', async () => {
    const ran = await binRun('--bogus')
    expect(ran.code).toBe(2)
    expect(ran.stdout).toBe('')
    expect(ran.stderr.replace('Building dist/ from src/ (npm run build)…\n', '')).toBe(
      'Unknown option --bogus. Run ./bin/run --help for the options.\n'
    )
  })
})

describe('the startup banner', () => {
  const example = (text: string) => text.split('\n').filter((line) => line.includes('curl'))

  it('prints loopback URLs that the server answers when it listens on every interface, and says what that means', () => {
    const text = startupText('http://0.0.0.0:3400', 'http://127.0.0.1:41000', false, '0.0.0.0')
    expect(text).not.toContain('0.0.0.0:3400')
    expect(text).toContain('  destination  http://127.0.0.1:3400  (GET /manifest')
    expect(text).toContain('  page         http://127.0.0.1:3400/  (every delivery')
    expect(example(text)[0]).toMatch(/^ {2}curl -s -X POST http:\/\/127\.0\.0\.1:3400\/trackEvent /)
    expect(text).toContain(
      [
        "WARNING: listening on every network interface of this machine, not only on this machine's loopback.",
        'This server has no authentication: any client that can reach port 3400 and sends the header',
        '"Host: 127.0.0.1:3400" has full access: it reads every delivery, sends calls with the configured',
        'credentials and sets faults. Use --host only on a network you trust.'
      ].join('\n')
    )
    expect(startupText('http://[::]:3400', undefined, true, '::')).toContain('  destination  http://[::1]:3400  ')
  })

  it('names the address it listens on when it is another one of this machine, and warns the same', () => {
    const text = startupText('http://192.168.1.20:3400', 'http://127.0.0.1:41000', false, '192.168.1.20')
    expect(text).toContain('  destination  http://192.168.1.20:3400  (GET /manifest')
    expect(text).toContain("WARNING: listening on 192.168.1.20, not only on this machine's loopback.")
  })

  it('warns of nothing on the loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      expect(startupText('http://127.0.0.1:3400', 'http://127.0.0.1:41000', false, host)).not.toContain('WARNING')
    }
  })
})

describe('the startup banner of a running server', () => {
  it('prints a curl whose URL the server answers', async () => {
    const printed: string[] = []
    const serving = await serve({ port: '0' }, (line) => printed.push(line))
    try {
      const url = /curl -s -X POST (\S+) /.exec(printed.join('\n'))?.[1] as string
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ payload: [{ type: 'track', event: 'Signed Up', userId: 'u-1' }] })
      })
      expect(response.status).toBe(200)
    } finally {
      await serving.close()
    }
  })
})
