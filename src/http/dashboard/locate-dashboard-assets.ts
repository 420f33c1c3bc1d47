import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built dashboard is: `dist/web` of the project, found from this module whether it
 * runs compiled (dist/src/http/dashboard/) or from source under tsx (src/http/dashboard/).
 * Undefined when the dashboard was never built (`npm run build` builds it).
 */
export function locateDashboardAssets(): string | undefined {
  const upThree = fileURLToPath(new URL('../../../', import.meta.url));
  const directory = basename(upThree) === 'dist' ? join(upThree, 'web') : join(upThree, 'dist', 'web');
  return existsSync(join(directory, 'index.html')) ? directory : undefined;
}
