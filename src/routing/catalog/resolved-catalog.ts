import type { ResolvedPrices } from './resolve-prices.js';
import type { DataPolicy, Provider } from '../../core/provider-types.js';
import type { CatalogEndpoint, CatalogModel } from './catalog-types.js';

/** A catalog endpoint bound to an enabled provider, prices parsed. */
export interface ResolvedEndpoint {
  provider: Provider;
  /** The upstream's own model name. */
  upstreamModel: string;
  prices: ResolvedPrices;
  entry: CatalogEndpoint;
  /** The endpoint's own data policy when the catalog or config overrides the provider's. */
  dataPolicy?: DataPolicy;
}

export interface ResolvedModel {
  model: CatalogModel;
  /** Endpoints on enabled providers, in catalog order. */
  endpoints: ResolvedEndpoint[];
}

/** The catalog as routing sees it: built once at start-up, read-only afterwards. */
export interface ResolvedCatalog {
  /** Models with at least one enabled endpoint, by OpenRouter id. */
  models: Map<string, ResolvedModel>;
  /** The same models in id order, for listings. */
  list: ResolvedModel[];
  providers: Map<string, Provider>;
  /**
   * Catalog models no enabled provider serves, with the providers that could (so a request for
   * one can say which key to set instead of calling the id invalid).
   */
  unserved?: Map<string, string[]>;
}
