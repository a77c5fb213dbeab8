// Writes Settings (src/generated-types.ts) and each action's Payload (src/<action>/generated-types.ts) from the
// field definitions, as Segment's `generate:types` does. `--check` writes nothing and fails when a file is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fieldsToJsonSchema } from '@segment/actions-core'
import type { InputField } from '@segment/actions-core'
import { compile, type JSONSchema } from 'json-schema-to-typescript'
import prettierConfig from '../.prettierrc.json'
import destination from '../src'

const SRC = join(__dirname, '..', 'src')
const BANNER = '// Generated file. DO NOT MODIFY IT BY HAND.'
const prettierOptions = { ...prettierConfig, trailingComma: 'none' as const }

/** Labels are dropped and choices are not turned into unions, as Segment's generator does. */
function removeExtra(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(removeExtra)
  if (typeof schema !== 'object' || schema === null) return schema
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'title' || key === 'enum') continue
    result[key] = removeExtra(value)
  }
  return result
}

async function typesFor(fields: Record<string, InputField>, name: string): Promise<string> {
  const schema = removeExtra(fieldsToJsonSchema(fields, { tsType: true })) as JSONSchema
  return compile(schema, name, { bannerComment: BANNER, style: prettierOptions })
}

/** Every generated file, as path → expected text. */
export async function generateTypes(): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  // Settings fields are InputFields without the dynamic-field hook, which this destination does not use.
  const settingsFields = (destination.authentication?.fields ?? {}) as Record<string, InputField>
  files.set(join(SRC, 'generated-types.ts'), await typesFor(settingsFields, 'Settings'))
  for (const [key, action] of Object.entries(destination.actions)) {
    files.set(join(SRC, key, 'generated-types.ts'), await typesFor(action.fields, 'Payload'))
  }
  return files
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
  const stale: string[] = []
  for (const [path, text] of await generateTypes()) {
    if (readOrEmpty(path) === text) continue
    stale.push(path)
    if (!values.check) writeFileSync(path, text)
  }
  if (values.check && stale.length > 0) {
    console.error(`Stale generated types (run npm run generate:types):\n${stale.join('\n')}`)
    process.exitCode = 1
  } else {
    console.log(values.check ? 'Generated types are up to date.' : `Wrote ${stale.length} file(s).`)
  }
}

if (require.main === module) void main()
