// The catalog contract that __tests__/contract.test.ts reads is a committed copy (it goes upstream with the tests);
// here, beside a clone that has the shared contract, the copy is held to it.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const SHARED_CONTRACT = join(ROOT, '..', 'shared', 'contract', 'customerio-actions.json')
const COMMITTED_CONTRACT = join(ROOT, '__tests__', '__helpers__', 'fixtures', 'contract', 'customerio-actions.json')

describe('the catalog contract', () => {
  ;(existsSync(SHARED_CONTRACT) ? it : it.skip)('is the same file as the committed copy', () => {
    expect(readFileSync(COMMITTED_CONTRACT, 'utf8')).toBe(readFileSync(SHARED_CONTRACT, 'utf8'))
  })
})
