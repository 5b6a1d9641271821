// The design model every input format is turned into, and every rule reads.
// Pure data: no parser, protocol or file-system types leak in here.

/** A range of source text: `file` is whatever key the caller used (path or URI); offsets are UTF-16 units. */
export interface Loc {
  file: string;
  start: number;
  end: number;
}

export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export type Medium = 'fiber' | 'hollow-core' | 'microwave' | 'satellite-geo' | 'satellite-leo' | 'internet';
export const MEDIA: readonly Medium[] = ['fiber', 'hollow-core', 'microwave', 'satellite-geo', 'satellite-leo', 'internet'];

/** Where a site's coordinates came from, for hovers and messages. */
export interface Placement {
  latDeg: number;
  lonDeg: number;
  /** e.g. "coordinates", "aws:eu-west-1 (Dublin (Ireland))", "hcx_location.fra1" */
  origin: string;
  /** A cloud region: inter-region estimates carry the cloud overhead. */
  cloud: boolean;
  /** Placed through a place name (a place string, a `places:` entry, or a token of the id or name). */
  place?: PlaceOrigin;
  /**
   * Placed from a token of the site's id or name, not from anything the user stated: findings that
   * depend on it are at most warnings (capped centrally in lint.ts).
   */
  inferred?: {
    token: string;
    from: 'id' | 'name';
    /** where the name was found when not the site's own id or name (Terraform: `the hcx URL of provider hcx`) */
    what?: string;
  };
}

/** The city a placement resolved to, for hovers, messages and JSON output. */
export interface PlaceOrigin {
  /** what was written: the place string, the `places:` key or the token */
  text: string;
  /** GeoNames name ("Frankfurt am Main"), or the `places:` key for a pinned entry */
  name: string;
  countryCode: string;
  countryName: string;
  /** how the text was resolved: gazetteer city / IATA code / "City, CC", or the `places:` map of .dci-lint.yaml */
  via: 'city' | 'iata' | 'country-qualified' | 'places';
}

/** A place string as written (`location: "Frankfurt am Main, DE"`), kept for `unknown-place`. */
export interface PlaceText {
  text: string;
  loc: Loc;
}

export interface Site {
  id: string;
  name?: string;
  /** The id as written (the YAML key, the Terraform resource address). */
  idLoc: Loc;
  loc: Loc;
  /** Set when the site could be placed; rules skip unplaced sites. */
  placement?: Placement;
  /**
   * `bare`: written without the `provider:` prefix (Terraform), so fixes replace the code alone.
   * `also`: the other places an unknown code is written (Terraform resources in one region share its
   * site); each is reported and fixed on its own.
   */
  region?: { provider: string; code: string; loc: Loc; bare?: boolean; also?: Loc[] };
  /** Coordinates as written, valid or not (`invalid-location` judges them). */
  coordinates?: { latDeg: number; lonDeg: number; loc: Loc };
  /** Why a site could not be placed (Terraform: an unresolved variable, an unset hcx_location). */
  unresolved?: { reason: string; loc: Loc };
  /** `location` given as a place string (resolved or not: `unknown-place` reports the unresolved). */
  placeText?: PlaceText;
  /** Neither coordinates, a region nor a place string: placed (or not) from its id and name. */
  byName?: boolean;
  /** The edit that pins an inferred placement: `newText` holds `$LOCATION`, replaced by e.g. `location: "Lisbon, PT"`. */
  pin?: TextEdit;
}

export interface SiteRef {
  id: string;
  loc: Loc;
  /** The edit that removes this reference from its list, when the syntax allows one. */
  removal?: TextEdit;
}

export interface Element {
  name: string;
  loc: Loc;
  /** Value locations by key (e.g. `method`, `schedule`, `sites`), for findings and fixes. */
  at: Record<string, Loc>;
}

export interface Link extends Element {
  between: SiteRef[];
  medium: Medium;
  routeKm?: number;
  rttMs?: number;
  bandwidthMbps?: number;
}

export interface Gateway {
  protocol?: string;
  activeSite?: SiteRef;
  helloMs?: number;
  holdMs?: number;
}

export interface Segment extends Element {
  /** yaml segment, HCX network extension, NSX stretched segment */
  origin: 'segment' | 'hcx-l2-extension' | 'nsx-segment';
  vlan?: number;
  sites: SiteRef[];
  gateway?: Gateway;
  /** Format-specific fixes for a single active gateway (Terraform: `mon = true`); replace the YAML edit when set. */
  gatewayFixes?: Fix[];
  /** How the YAML `gateway:` mapping is written (`{ protocol: hsrp, ... }` or one key per line): a fix that rewrites it keeps the style. */
  gatewayStyle?: 'flow' | 'block';
  bfd?: { intervalMs: number; multiplier: number };
  arp?: { retransMs: number };
}

export interface Cluster extends Element {
  kind: string;
  version?: string;
  sites: SiteRef[];
  witness?: SiteRef;
  hostsPerSite?: number;
  heartbeat?: { intervalMs?: number; threshold?: number };
  /** A design's own, stricter RTT limit for the cluster (NSX Federation: `nsxt_policy_site.maximum_rtt`). */
  maxRttMs?: number;
  /** NSX Federation: what spans the locations (`networking`: 150 ms, the default; `security` policy only: 500 ms). */
  spans?: 'networking' | 'security';
  /** Sides put where the platform does not stretch (GCVE: a zone outside the private cloud's region); vsan-stretched-rtt warns at each. */
  misplaced?: Array<{ message: string; loc: Loc; data?: Record<string, unknown> }>;
}

export interface Migration extends Element {
  method: string;
  platform?: { product?: string; version?: string; edition?: string };
  path: SiteRef[];
  schedule?: string;
  concurrent?: number;
  /** Format-specific fixes that make the migration cold (Terraform: switch the HCX service to BULK_MIGRATION, drop it); replace the YAML `method` edit when set. */
  coldFixes?: Fix[];
}

export interface Replication extends Element {
  mode: string;
  product?: string;
  sites: SiteRef[];
  maxRttMs?: number;
  /** VPLEX Metro / metro node: hosts cross-connected to both sites (Metro HA allows 10 ms instead of 5). */
  hostCrossConnect?: boolean;
  /** Azure Cosmos DB: the account's default consistency level (`strong`, `bounded-staleness`, `session`, ...). */
  consistency?: string;
  /** Azure Cosmos DB: writes accepted in every region (multi-region writes). */
  multiRegionWrites?: boolean;
  /** Cloud Spanner: the default leader region, where writes are processed first. */
  leader?: SiteRef;
  /** How the format writes each consistency level, when not as the topology format does (azurerm: `BoundedStaleness`). */
  consistencyText?: Record<string, string>;
}

/** Where a group of users is: placed like a site (coordinates, `[lat, lon]`, region, place string). */
export interface UserGroup extends Element {
  /** The placement, validity and problems of `location`/`region`, as for a site (its id is the group's name). */
  place: Site;
  /** Fraction of total traffic, in [0, 1], when given. */
  share?: number;
}

/** How users reach a service's instances: the nearest (anycast, GSLB) or the active site (active-passive, single). */
export type Distribution = 'anycast' | 'gslb' | 'active-passive' | 'single';
export const DISTRIBUTIONS: readonly Distribution[] = ['anycast', 'gslb', 'active-passive', 'single'];

export interface Dependency {
  service: string;
  /** Sequential calls to the dependency per user request (each waits one RTT). */
  roundTrips: number;
  loc: Loc;
}

/** What runs where: instances at sites, reached by users, calling other services. */
export interface Service extends Element {
  sites: SiteRef[];
  /** Written or implied: one site means `single`, several mean `gslb` (nearest instance) unless given. */
  distribution: Distribution;
  /** Users must reach an instance within this RTT (ms). */
  rttSloMs?: number;
  dependsOn: Dependency[];
  /** The edit that appends a site to `sites`, with `$SITE` where the id goes (when the syntax allows one). */
  sitesAppend?: TextEdit;
  /** Format-specific: the Terraform resource the service was read from, for messages. */
  origin?: string;
}

/** Figures of the RTT model; every field has a default in `limits.ts`. */
export interface Assumptions {
  fiberRouteFactor: number;
  equipmentMs: number;
  fiberIndex: number;
  /** set: replaces the calibrated cloud overheads (ms, both ends cloud; half with one) */
  cloudOverheadMs?: number;
  /** set: replaces the calibrated cloud route inflation (estimate / lower bound, overhead aside) */
  cloudRouteFactor?: number;
}

/** A block section of the document (`services:` followed by indented lines): offsets in the text. */
export interface OutlineSection {
  /** start of the `key:` line */
  keyStart: number;
  /** end of its last non-blank, non-comment line (before the newline) */
  end: number;
  /** indentation of its `- ` entries, when it is a block sequence */
  indent?: string;
  /** line starts of its entries at that indentation */
  items: number[];
}

/** The layout of a one-document text, for fixes that move content between sections. */
export interface Outline {
  eof: number;
  endsWithNewline: boolean;
  sections: Record<string, OutlineSection>;
}

export interface Design {
  file: string;
  name?: string;
  assumptions: Partial<Assumptions>;
  sites: Map<string, Site>;
  links: Link[];
  segments: Segment[];
  clusters: Cluster[];
  migrations: Migration[];
  replication: Replication[];
  /** Where the users are (`users:`); absent in designs without them. */
  users: UserGroup[];
  /** What runs where (`services:`). */
  services: Service[];
  /** The text's top-level layout (YAML documents that are alone in their file). */
  outline?: Outline;
  /** Site ids defined more than once: the later definition, and the first. */
  duplicateSites?: Array<{ id: string; loc: Loc; first: Loc }>;
  /**
   * Inputs that were read but could not be used, with the reason (Terraform: the resources of a provider
   * whose source address is not one DCI Lint knows); each is one `unresolved-location` info.
   */
  unread?: Array<{ reason: string; loc: Loc; data?: Record<string, unknown> }>;
}

export function emptyDesign(file: string): Design {
  return { file, assumptions: {}, sites: new Map(), links: [], segments: [], clusters: [], migrations: [], replication: [], users: [], services: [] };
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix an editor may apply on "fix all" */
  preferred?: boolean;
}

export interface Related {
  loc: Loc;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  loc: Loc;
  /** The figures behind the message, as numbers (for JSON output and scripts). */
  data: Record<string, unknown>;
  related: Related[];
  fixes: Fix[];
  suppressed?: boolean;
  /** The severity is a configured level (`.dci-lint.yaml`, `--rule`, editor settings), not the rule's own. */
  configuredSeverity?: boolean;
}
