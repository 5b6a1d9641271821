// The pure core: text in, findings out. No file system, network or protocol types.
export * from './design';
export * from './lint';
export { AnalysisCancelled } from './cancel';
export * from './config';
export * from './rtt';
export { fitCloudCalibration, parseCalibrationCsv, zoneOf, quantile, type CloudCalibration, type CalibrationRow } from './rttCalibration';
export * from './lines';
export * from './suppress';
export { parseTopology, isTopologyFile, stripBom, tooDeepAt, sameNesting, MAX_NESTING } from './parse/yaml';
export { parseTopologyIncremental, prefillTopologyCache, TopologyCache, splitChunks, resplit, WHOLE_PARSE_MIN_CHARS } from './parse/incremental';
export { entryIndexAt } from './parse/outline';
export { fastParse, plainOf, resolvePlain, type FastDocument } from './parse/yaml-events';
export { editDistance, nearest, Suggester, SUGGEST_BUDGET_CELLS, typoAllowance } from './suggest';
export { RULES, RULES_BY_ID } from './rules';
export { fmtKm, fmtMs, MAX_PAIRWISE_SITES } from './rules/physics';
export { docsUrl, type Rule, type RuleMeta, type RuleOption, type LimitRow, type AppliedLimit, type Verdict } from './rules/types';
export { lookupRegion, allRegions, regionKeys, type Region } from './geo/regions';
export { geodesicKm, exactGeodesicKm, fastPoint, fastGeodesicKm, FAST_GEODESIC_MAX_REL_ERROR } from './geo/geodesic';
export {
  DEFAULT_ASSUMPTIONS,
  VMOTION,
  VSAN,
  CLUSTER,
  COROSYNC_TOKEN,
  SYNC_REPLICATION,
  SYNC_COMPANIONS,
  MEDIUM,
  STRETCHED_L2,
  L2_TIMERS,
  TCP,
  ROUTE_BAND,
  SERVICES,
  MANAGED,
  MANAGED_PRODUCTS,
  provenanceLabel,
  type Limit,
  type Provenance,
} from './limits';
export * from './terraform';
export { buildMapData, elementRows, type MapData, type MapPair, type MapSite, type MapVerdict, type MapLimit, type MapUse, type JudgedRow } from './map/data';
export { renderMapSvg, pairTooltip, VERDICT_COLOURS, MAP_ATTRIBUTION } from './map/svg';
export * from './files';
export { configSchema, limitsTable } from './config-schema';
export {
  lookupPlace,
  inferPlace,
  completePlaces,
  lookupCountry,
  placeString,
  placeKey,
  nameTokens,
  INFRA_WORDS,
  isMetroCode,
  DOMINANCE_RATIO,
  INFER_MIN_POPULATION,
  GAZETTEER_MIN_POPULATION,
  type Place,
  type PlaceLookup,
  type Inference,
  type InferOptions,
} from './geo/gazetteer';
export {
  resolvePlaceText,
  placeFromNames,
  placePlacement,
  pinnedPlace,
  applyPlacementConfig,
  placeSite,
  DEFAULT_PLACEMENT,
  type PlacementConfig,
  type PinnedPlace,
  type PlaceTextResult,
  type NamePlacement,
} from './placement';
