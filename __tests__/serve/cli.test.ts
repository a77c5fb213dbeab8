// ./bin/run as a user meets it: the compiled CLI (built from src/ when dist/ is missing or older), and a port that is
// taken answered with one line naming the option to change.
import { execFile } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { main, UsageError } from '../../src/serve/cli'

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
