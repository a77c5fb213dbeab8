// npm run fuzz [-- --runs N --seed S]: the parser's properties at full size, outside the test run.
import { parseArgs } from 'node:util'
import { checkParserProperties } from '../__tests__/__helpers__/properties/parse-response'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '34000' }, seed: { type: 'string' } } })
const runs = Number(values.runs)
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed)
const started = Date.now()
const cases = checkParserProperties(runs, seed)
console.log(
  `parseBatchResponse: ${cases} generated cases passed (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s`
)
