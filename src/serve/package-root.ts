// The package's root folder, seen from the source (src/serve/) as from the build (dist/serve/): both sit two levels
// below it.
// Files read at run time (the deliveries page's HTML, CSS and JavaScript) are found from here, so the compiled code
// reads the very files the source does, with no copy step.
import path from 'node:path'

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..')

/** A path inside the package, e.g. packagePath('src', 'serve', 'page', 'index.html'). */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments)
}
