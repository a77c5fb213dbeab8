import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

// json-schema-to-typescript formats with Prettier 3, which needs ES modules: run the generator as Node runs it.
describe('generated-types.ts files', () => {
  it('are in step with the fields of the destination and of every action', () => {
    const root = join(__dirname, '..', '..')
    const output = execFileSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(root, 'scripts', 'generate-types.ts'), '--check'],
      // ts-node's compile cache would otherwise write to the temp folder, which a test run leaves as it found it.
      { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, DISABLE_V8_COMPILE_CACHE: '1' } }
    )
    expect(output.trim()).toBe('Generated types are up to date.')
  })
})
