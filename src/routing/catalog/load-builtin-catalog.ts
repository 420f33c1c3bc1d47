import { readFileSync } from 'node:fs';
import type { CatalogFile, CatalogModel } from './catalog-types.js';

/** Reads the generated catalog shipped with the gateway (scripts/generate-catalog.ts writes it). */
export function loadBuiltinCatalog(): CatalogModel[] {
  const url = new URL('./builtin-catalog.json', import.meta.url);
  const file = JSON.parse(readFileSync(url, 'utf8')) as CatalogFile;
  return file.models;
}
