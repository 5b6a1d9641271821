// Every threshold and physical constant the product uses, each with its source.
// Rules read their defaults from here; `.dci-lint.yaml` can override each one.
// The docs pages (docs/rules/*.md) cite the same rows.

import type { Assumptions, Medium } from './design';

export const C_KM_PER_MS = 299.792458; // speed of light in vacuum, SI definition

/**
 * Where a limit comes from. `vendor`: a vendor or standards document we read states it (title and link).
 * `heuristic`: DCI Lint's own design default (no vendor text found, or physics reasoning): the reasoning
 * says why. Limits set by the user are `design` (a key of the topology, e.g. `max_rtt_ms`) or
 * `configured` (a rule option in `.dci-lint.yaml`).
 */
export type Provenance =
  | { kind: 'vendor'; document: string; url: string }
  | { kind: 'heuristic'; reasoning: string; from?: { document: string; url: string } }
  | { kind: 'design'; key: string }
  | { kind: 'configured'; option: string; default: number };

export type LimitUnit = 'ms' | 'km' | 'Mbps' | 'count' | 'bytes' | 'factor';

export interface Limit {
  value: number;
  unit: LimitUnit;
  /** what the limit says, in one sentence */
  says: string;
  provenance: Provenance;
  /** `says` and the provenance in one line, as hovers, docs and `rules --json` print it */
  source: string;
}

/** "vendor" | "DCI Lint heuristic" | ...: the label every surface prints before a limit's source. */
export function provenanceLabel(p: Provenance): string {
  return p.kind === 'vendor'
    ? 'vendor'
    : p.kind === 'heuristic'
      ? p.from
        ? 'DCI Lint heuristic, from a vendor figure'
        : 'DCI Lint heuristic'
      : p.kind === 'design'
        ? `set in the design (${p.key})`
        : `configured (${p.option}, default ${p.default})`;
}

/** The one-line source of a limit: what it says, then whose claim it is. */
export function sourceText(says: string, p: Provenance): string {
  if (p.kind === 'vendor') return `${says} [vendor: ${p.document}, ${p.url}]`;
  if (p.kind === 'heuristic') return `${says} [DCI Lint heuristic: ${p.reasoning}${p.from ? `; from vendor: ${p.from.document}, ${p.from.url}` : ''}]`;
  return `${says} [${provenanceLabel(p)}]`;
}

/** A limit a vendor document states. */
export function vendor(value: number, unit: LimitUnit, says: string, document: string, url: string): Limit {
  const provenance: Provenance = { kind: 'vendor', document, url };
  return { value, unit, says, provenance, source: sourceText(says, provenance) };
}

/**
 * DCI Lint's own design default, with the reasoning behind it. `from`: the vendor figure of a related
 * product DCI Lint applies here (HCX vMotion runs on vSphere vMotion); such a limit may be an error, an
 * unfounded one never is.
 */
export function heuristic(value: number, unit: LimitUnit, says: string, reasoning: string, from?: { document: string; url: string }): Limit {
  const provenance: Provenance = from ? { kind: 'heuristic', reasoning, from } : { kind: 'heuristic', reasoning };
  return { value, unit, says, provenance, source: sourceText(says, provenance) };
}

/** RTT per km of great-circle distance for light at group index `n`: 2 n / c. */
export function rttMsPerKm(index: number): number {
  return (2 * index) / C_KM_PER_MS;
}

export const FIBER_INDEX = 1.4682; // ITU-T G.652 SMF-28 group index at 1550 nm (Corning data sheet)
export const AIR_INDEX = 1.0003; // hollow-core fiber, microwave, free-space laser

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  fiberRouteFactor: 1.5, // dedicated DCI fiber / DWDM: route 1.2-1.5 x great circle (typical practice)
  equipmentMs: 0.2, // optics, switching per link
  fiberIndex: FIBER_INDEX,
  // cloudRouteFactor / cloudOverheadMs: unset, the calibrated cloud model of rttCalibration.ts
  // (fitted on data/rtt-calibration.csv) applies; set, they replace its inflation / overheads.
};

/**
 * The p10-p90 band of an estimate over an assumed route (dedicated fiber, unmeasured links): the route
 * factor scaled by `low` and `high`, i.e. 1.2 to 2.0 x the great circle for fiber's 1.5. DCI Lint heuristic:
 * no published RTTs of dedicated routes to calibrate it on.
 */
export const ROUTE_BAND = {
  low: 0.8,
  high: 4 / 3,
  source: 'DCI Lint heuristic: dedicated routes run 1.2 to 2.0 x the great circle where 1.5 is assumed',
};

export interface MediumModel {
  /** group index: sets the speed */
  index: number;
  /** typical route length / great-circle distance */
  routeFactor: number;
  /** fixed RTT of the medium, independent of distance (satellite hops, internet edges) */
  fixedMs: number;
  /** minimum RTT the medium can ever show, whatever the distance */
  floorMs: number;
  source: string;
}

export const MEDIUM: Record<Medium, MediumModel> = {
  fiber: { index: FIBER_INDEX, routeFactor: 1.5, fixedMs: 0, floorMs: 0, source: 'ITU-T G.652 group index 1.4682; 9.79 µs RTT per km' },
  'hollow-core': { index: AIR_INDEX, routeFactor: 1.5, fixedMs: 0, floorMs: 0, source: 'NANF hollow-core fiber: light at about c (3.34 µs/km one way)' },
  microwave: {
    index: AIR_INDEX,
    routeFactor: 1.05,
    fixedMs: 0,
    floorMs: 0,
    source: 'line-of-sight microwave (HFT networks): about c, near great-circle routes',
  },
  'satellite-geo': {
    index: AIR_INDEX,
    routeFactor: 1,
    fixedMs: 550,
    floorMs: 477,
    source: 'orbital geometry: 4 x 35,786 km at c = 477 ms; 550-650 ms typical',
  },
  'satellite-leo': {
    index: AIR_INDEX,
    routeFactor: 1.3,
    fixedMs: 25,
    floorMs: 7.3,
    source: 'LEO at about 550 km: 4 x 550 km at c = 7.3 ms; 25-60 ms typical (operator measurements)',
  },
  internet: { index: FIBER_INDEX, routeFactor: 1.74, fixedMs: 5, floorMs: 0, source: 'median measured / lower-bound ratio 1.74 in data/rtt-calibration.csv' },
};

// Documents read (see docs/physics-and-limits.md for every row, vendor or heuristic).
const KB_310156 = [
  'Broadcom KB 310156 "Understanding Metro vMotion"',
  'https://knowledge.broadcom.com/external/article/310156/understanding-metro-vmotion.html',
] as const;
const VSPHERE_VMOTION_NET = [
  'vSphere 6.5 "vSphere vMotion Networking Requirements"',
  'https://docs.vmware.com/en/VMware-vSphere/6.5/com.vmware.vsphere.vcenterhost.doc/GUID-3B41119A-1276-404B-8BFB-A32409052449.html',
] as const;
const KB_2106949 = [
  'VMware KB 2106949 "Long Distance vMotion requirements in VMware vSphere 6.0"',
  'https://knowledge.broadcom.com/external/article?legacyId=2106949',
] as const;
const HCX_VMOTION = [
  'VMware HCX User Guide, "VMware HCX vMotion and Cold Migration"',
  'https://docs.vmware.com/en/VMware-HCX/services/user-guide/GUID-517866F6-AF06-4EFC-8FAE-DA067418D584.html',
] as const;
const KB_440117 = [
  'Broadcom KB 440117 "Configuring VMware HCX Replication Assisted vMotion"',
  'https://knowledge.broadcom.com/external/article/440117/configuring-vmware-hcx-replication-assis.html',
] as const;
const VSAN_SIZING = ['VMware "vSAN Stretched Cluster Bandwidth Sizing"', 'https://core.vmware.com/resource/vsan-stretched-cluster-bandwidth-sizing'] as const;
const VSAN_API = [
  'vSAN Management API 7.0, VsanVcStretchedClusterSystem',
  'https://developer.broadcom.com/xapis/vsan-management-api/7.0/vim.cluster.VsanVcStretchedClusterSystem.html',
] as const;
const NSX_FED = [
  'NSX-T 3.2 Installation Guide, "NSX Federation requirements"',
  'https://docs.vmware.com/fr/VMware-NSX-T-Data-Center/3.2/installation/GUID-AD369B9D-4ADC-4CE9-B8DC-BB2B47C7BFBF.html',
] as const;
// Read in a public manual mirror (manual/dell/metro-node/1-users-guide-english/page-29.html); the EMC notes agree on 5 ms.
const METRO_NODE = [
  'Dell metro node User Guide, "Metro node Metro HA" (p. 29); EMC h7139 VPLEX technical notes (2010)',
  'https://1library.net/document/yr85kl8z-implementation-planning-best-practices-vplex-technical-notes-october.html',
] as const;
const NO_VENDOR_TEXT = 'no vendor text stating it was found (searched again 2026-11-29); kept as a design default, never an error on its own';

/** Live-migration limits (RTT, ms). */
export const VMOTION = {
  vsphere4: vendor(5, 'ms', 'on vSphere 4.1 vMotion is supported below 5 ms RTT', ...KB_310156),
  vsphere5Metro: vendor(10, 'ms', 'vSphere 5.0/5.1 Metro vMotion is supported up to 10 ms RTT, Enterprise Plus only', ...KB_310156),
  vsphere5Other: vendor(5, 'ms', 'Metro vMotion needs Enterprise Plus; other editions keep the 5 ms RTT', ...KB_310156),
  vsphere6: vendor(150, 'ms', 'vSphere 6.0 and later: hosts may be up to 150 ms RTT apart for long-distance vMotion', ...VSPHERE_VMOTION_NET),
  vsphere6Licence: vendor(
    150,
    'ms',
    'long-distance and cross-vCenter vMotion need an Enterprise Plus licence; no RTT figure is published for other editions',
    ...KB_2106949,
  ),
  hcxVmotion: heuristic(
    150,
    'ms',
    'HCX vMotion and Replication Assisted vMotion: at most 150 ms RTT (unconfirmed)',
    'the HCX "Network Underlay Minimum Requirements" page sets a latency per service, but its table could not be read; 150 ms is the vSphere long-distance vMotion limit HCX vMotion runs on',
    { document: VSPHERE_VMOTION_NET[0], url: VSPHERE_VMOTION_NET[1] },
  ),
  hcxVmotionMbps: vendor(100, 'Mbps', 'HCX vMotion needs at least 100 Mbps', ...HCX_VMOTION),
  hcxVmotionSerial: vendor(
    1,
    'count',
    'HCX vMotion is supported serially (one migration at a time) between a source and a destination site; use Bulk or RAV for parallel moves',
    ...HCX_VMOTION,
  ),
  hcxRavMbps: vendor(150, 'Mbps', 'HCX Replication Assisted vMotion needs at least 150 Mbps of underlay throughput', ...KB_440117),
  bandwidthPerMigration: vendor(250, 'Mbps', 'at least 250 Mbps of dedicated bandwidth per concurrent vMotion session', ...VSPHERE_VMOTION_NET),
} satisfies Record<string, Limit>;

export const VSAN = {
  dataSites: vendor(5, 'ms', 'vSAN stretched cluster: less than 5 ms RTT between the data sites', ...VSAN_SIZING),
  witness: vendor(200, 'ms', 'vSAN stretched cluster: less than 200 ms RTT from the witness, up to 10 hosts per site', ...VSAN_SIZING),
  witnessLarge: vendor(100, 'ms', 'vSAN stretched cluster: less than 100 ms RTT from the witness with 11-15 hosts per site', ...VSAN_SIZING),
  witnessTwoNode: vendor(500, 'ms', 'vSAN two-node cluster (one host per site): less than 500 ms RTT to the witness', ...VSAN_SIZING),
  largeHostsPerSite: vendor(10, 'count', 'the 200 ms witness limit holds up to 10 hosts per site', ...VSAN_SIZING),
  maxHostsPerSite: vendor(15, 'count', 'a stretched cluster holds at most 15 hosts per data site plus one witness (15+15+1, vSAN 7.0)', ...VSAN_API),
} satisfies Record<string, Limit>;

export const STRETCHED_L2 = {
  metroRtt: heuristic(
    10,
    'ms',
    'a layer-2 domain should stay within a metro: 10 ms RTT',
    'the 10 ms Metro vMotion envelope (KB 310156); beyond it one broadcast and failure domain spans regions',
  ),
} satisfies Record<string, Limit>;

export type KindLimit = Limit & { label: string };

/** Cluster heartbeat limits by kind: the RTT the product tolerates between members. */
export const CLUSTER: Record<string, KindLimit> = {
  vmsc: {
    label: 'vSphere Metro Storage Cluster',
    ...heuristic(
      10,
      'ms',
      'vMSC: 10 ms RTT between sites',
      `VMware's vMSC white paper was not readable and only secondary sources state 10 ms; ${NO_VENDOR_TEXT}`,
    ),
  },
  wsfc: {
    label: 'Windows Server Failover Cluster',
    ...vendor(
      10000,
      'ms',
      'WSFC tolerates delay x threshold of missed heartbeats: SameSubnetDelay 1000 ms x SameSubnetThreshold 10 (Windows Server 2016; 20 on 2019 and cross-subnet)',
      'Microsoft, "HADR configuration best practices (SQL Server on Azure VMs)"',
      'https://learn.microsoft.com/azure/azure-sql/virtual-machines/windows/hadr-cluster-best-practices',
    ),
  },
  pacemaker: {
    label: 'Pacemaker/Corosync',
    ...vendor(
      300,
      'ms',
      'Red Hat support policy: above 300 ms RTT between cluster nodes membership may be unstable (2 ms or less is optimal)',
      'Red Hat, "Support Policies for RHEL High Availability Clusters - Cluster Interconnect Network Latency"',
      'https://access.redhat.com/articles/2823721',
    ),
  },
  etcd: {
    label: 'etcd',
    ...vendor(
      100,
      'ms',
      'etcd heartbeat interval 100 ms should be about the max RTT between members; election timeout 1000 ms at least 10 x RTT',
      'etcd v3.5 "Tuning"',
      'https://etcd.io/docs/v3.5/tuning/',
    ),
  },
  'oracle-rac': {
    label: 'Oracle RAC extended distance',
    ...heuristic(
      1,
      'ms',
      'Oracle RAC extended distance: about 100 km (about 1 ms RTT on fiber)',
      `Oracle's extended-distance white paper body was not readable; ${NO_VENDOR_TEXT}`,
    ),
  },
  'sql-ag': {
    label: 'SQL Server AG, synchronous commit',
    ...heuristic(
      5,
      'ms',
      'SQL Server AG synchronous commit: 5 ms RTT',
      'every synchronous commit waits one RTT; Microsoft publishes no RTT limit for availability groups, so DCI Lint uses the 5 ms of synchronous Storage Replica',
    ),
  },
  'nsx-federation': {
    label: 'NSX Federation (networking spans locations)',
    ...vendor(150, 'ms', 'NSX Federation: at most 150 ms RTT between locations when networking (stretched T0/T1/segments) spans them', ...NSX_FED),
  },
  'nsx-federation-security': {
    label: 'NSX Federation (security only)',
    ...vendor(500, 'ms', 'NSX Federation: up to 500 ms RTT between Global and Local Managers when only security policy spans locations', ...NSX_FED),
  },
  vsphere: {
    label: 'vSphere HA cluster across sites',
    ...heuristic(10, 'ms', 'a vSphere HA cluster across sites: 10 ms RTT', `the vMSC envelope; ${NO_VENDOR_TEXT}`),
  },
};

/** Pacemaker/Corosync token defaults by version (corosync.conf(5)); shown, not enforced: the RTT limit is Red Hat's. */
export const COROSYNC_TOKEN = {
  before31: vendor(
    1000,
    'ms',
    'Corosync up to 3.0.x: totem token 1000 ms',
    'corosync.conf(5)',
    'https://github.com/corosync/corosync/blob/main/man/corosync.conf.5',
  ),
  from31: vendor(
    3000,
    'ms',
    'Corosync 3.1.0 and later: totem token 3000 ms',
    'corosync.conf(5)',
    'https://github.com/corosync/corosync/blob/main/man/corosync.conf.5',
  ),
  coefficient: vendor(
    650,
    'ms',
    'token_coefficient: 650 ms added per node above two',
    'corosync.conf(5)',
    'https://github.com/corosync/corosync/blob/main/man/corosync.conf.5',
  ),
} satisfies Record<string, Limit>;

/** Synchronous replication limits by product. `km` rows are converted with the lower-bound figure. */
export const SYNC_REPLICATION: Record<string, KindLimit> = {
  'vplex-metro': { label: 'Dell VPLEX Metro', ...vendor(5, 'ms', 'VPLEX Metro / metro node Metro HA: 5 ms RTT or less', ...METRO_NODE) },
  'vplex-metro-cross-connect': {
    label: 'Dell VPLEX Metro with host cross-connect',
    ...vendor(10, 'ms', 'VPLEX Metro / metro node Metro HA with host cross-connect: 10 ms RTT or less', ...METRO_NODE),
  },
  'storage-replica': {
    label: 'Microsoft Storage Replica',
    ...vendor(
      5,
      'ms',
      'synchronous Storage Replica: average 5 ms RTT or lower',
      'Microsoft, "Storage Replica overview"',
      'https://learn.microsoft.com/windows-server/storage/storage-replica/storage-replica-overview',
    ),
  },
  'netapp-metrocluster-ip': {
    label: 'NetApp MetroCluster IP',
    ...vendor(
      700,
      'km',
      'MetroCluster IP: at most 700 km and 7 ms RTT, whichever comes first (the ceiling before Nov 2022; today per platform in the Hardware Universe, 1 ms per 100 km)',
      'NetApp, "Requirements for ISLs on MetroCluster IP configurations"',
      'https://docs.netapp.com/us-en/ontap-metrocluster/install-ip/concept-requirements-isls.html',
    ),
  },
  'netapp-metrocluster-ip-rtt': {
    label: 'NetApp MetroCluster IP',
    ...vendor(
      7,
      'ms',
      'MetroCluster IP: at most 7 ms RTT and 700 km, whichever comes first (per platform today: Hardware Universe)',
      'NetApp, "Requirements for ISLs on MetroCluster IP configurations"',
      'https://docs.netapp.com/us-en/ontap-metrocluster/install-ip/concept-requirements-isls.html',
    ),
  },
  'netapp-metrocluster-fc': {
    label: 'NetApp MetroCluster FC',
    ...heuristic(300, 'km', 'MetroCluster FC: up to 300 km (unconfirmed)', `current NetApp FC install docs give no maximum; ${NO_VENDOR_TEXT}`),
  },
  'pure-activecluster': {
    label: 'Pure ActiveCluster',
    ...vendor(
      5,
      'ms',
      'ActiveCluster replication network RTT may not exceed 5 ms (Purity 5.0.x)',
      'Pure Storage, "ActiveCluster Requirements and Best Practices" (Purity 5.0.0 edition, read as a copy)',
      'https://www.scribd.com/document/827899460/ActiveCluster-Requirements-and-Best-Practices',
    ),
  },
  'srdf-s': {
    label: 'Dell SRDF/S',
    ...heuristic(200, 'km', 'SRDF/S: about 200 km (unconfirmed)', `the Dell SRDF Introduction gives no distance; ${NO_VENDOR_TEXT}`),
  },
  'ibm-hyperswap': {
    label: 'IBM HyperSwap',
    ...heuristic(
      300,
      'km',
      'HyperSwap: up to 300 km (unconfirmed)',
      `IBM describes sites "from separate rooms to separate cities" with no figure; ${NO_VENDOR_TEXT}`,
    ),
  },
  generic: {
    label: 'synchronous replication',
    ...heuristic(
      5,
      'ms',
      'synchronous replication: 5 ms RTT',
      'every write waits one RTT; 5 ms is what Storage Replica, vSAN and AVS allow, and keeps write latency tolerable',
    ),
  },
};

/** Option keys of products with a second limit that is not a product of its own. */
export const SYNC_COMPANIONS: Record<string, string> = {
  'vplex-metro-cross-connect': 'vplex-metro',
  'netapp-metrocluster-ip-rtt': 'netapp-metrocluster-ip',
};

export const L2_TIMERS = {
  arpRetransMs: vendor(
    1000,
    'ms',
    'ARP waits retrans_time_ms (1000 ms) for a reply before it retransmits',
    'Linux arp(7)',
    'https://man7.org/linux/man-pages/man7/arp.7.html',
  ),
  hsrpHoldHello: vendor(
    3,
    'factor',
    'HSRP hold time at least 3 x the hello time (RFC 2281 recommends hello 3 s, hold 10 s)',
    'RFC 2281 "Cisco Hot Standby Router Protocol (HSRP)"',
    'https://www.rfc-editor.org/rfc/rfc2281',
  ),
  jitterFactor: heuristic(
    1,
    'factor',
    'the slack of a hold or detection timer (hold - hello; BFD: (multiplier - 1) x interval) must cover the delay variation of the path, taken as 1 x its one-way delay',
    'hellos are periodic, so a steady delay uses none of the hold time; jitter and reroutes do. A protection switch or reroute onto a path as long again adds one more one-way delay; no vendor publishes a margin against delay',
  ),
} satisfies Record<string, Limit>;

export const TCP = {
  windowBytes: vendor(
    32 * 1024 * 1024,
    'bytes',
    'Linux tcp_rmem max: 32 MB on current kernels (raised in 2025; about 6 MB on older ones)',
    'Linux kernel, "IP Sysctl" (ip-sysctl.rst, tcp_rmem)',
    'https://docs.kernel.org/networking/ip-sysctl.html',
  ),
} satisfies Record<string, Limit>;

/** Users and services (user-latency, cross-site-dependency, managed-replication's write budget). */
export const SERVICES = {
  requestBudgetMs: heuristic(
    100,
    'ms',
    'a user request may spend 100 ms waiting on the network (round trips x RTT)',
    '0.1 s is the limit for a response to feel instantaneous (J. Nielsen, "Response Times: The 3 Important Limits", Usability Engineering, 1993, https://www.nngroup.com/articles/response-times-3-important-limits/)',
  ),
} satisfies Record<string, Limit>;

const COSMOS_TITLE = 'Microsoft Learn, "Consistency levels in Azure Cosmos DB"';
const COSMOS_URL = 'https://learn.microsoft.com/azure/cosmos-db/consistency-levels';
const COSMOS_DOC = `${COSMOS_TITLE}, ${COSMOS_URL}`;
const AURORA_TITLE = 'AWS, Amazon Aurora User Guide, "Using Amazon Aurora Global Database"';
const AURORA_URL = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html';
const AURORA_DOC = `${AURORA_TITLE}, ${AURORA_URL}`;

/** Managed multi-region data services (managed-replication): what each vendor documents. */
export const MANAGED = {
  cosmosStrongMaxKm: vendor(
    8000,
    'km',
    'strong consistency is blocked by default for accounts with regions more than 8,000 km apart',
    COSMOS_TITLE,
    COSMOS_URL,
  ),
  cosmosStrongOverheadMs: vendor(
    10,
    'ms',
    'with strong consistency across regions, write latency (p99) is about 2 x RTT between the two farthest regions + 10 ms',
    COSMOS_TITLE,
    COSMOS_URL,
  ),
  auroraMaxSecondaries: vendor(10, 'count', 'a global database has one primary and up to 10 secondary Regions (5 in older releases)', AURORA_TITLE, AURORA_URL),
  auroraTypicalLagMs: vendor(1000, 'ms', 'cross-Region replication typically under a second', AURORA_TITLE, AURORA_URL),
} satisfies Record<string, Limit>;

/** The managed products and the vendor document each finding about them cites. */
export const MANAGED_PRODUCTS: Record<string, { label: string; source: string }> = {
  'aurora-global': { label: 'Amazon Aurora Global Database', source: AURORA_DOC },
  'rds-cross-region': {
    label: 'Amazon RDS cross-Region read replica',
    source:
      'AWS, Amazon RDS User Guide, "Creating a read replica in a different AWS Region" (replication is asynchronous), https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html',
  },
  'dynamodb-global': {
    label: 'Amazon DynamoDB global tables',
    source:
      'AWS, Amazon DynamoDB Developer Guide, "How DynamoDB global tables work" (multi-active; concurrent updates of an item in different Regions are reconciled by last writer wins), https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html',
  },
  cosmosdb: { label: 'Azure Cosmos DB', source: COSMOS_DOC },
  spanner: {
    label: 'Cloud Spanner',
    source:
      'Google Cloud, Spanner documentation, "Region types" (writes are processed first in the default leader region; the other read-write region votes to commit them), https://cloud.google.com/spanner/docs/region-types',
  },
};
