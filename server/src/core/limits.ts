// Every threshold and physical constant the product uses, each with its source.
// Rules read their defaults from here; `.dci-lint.yaml` can override each one.
// The docs pages (docs/rules/*.md) cite the same rows.

import type { Assumptions, Medium } from './design';

export const C_KM_PER_MS = 299.792458; // speed of light in vacuum, SI definition

export interface Limit {
  value: number;
  unit: 'ms' | 'km' | 'Mbps' | 'count';
  source: string;
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
  // Fitted on data/rtt-calibration.csv (2,708 published P50 inter-region RTTs, AWS/GCP/IBM):
  // estimate = 1.54 x fiber lower bound + 3.75 ms minimises the median absolute error (12.8 %).
  cloudRouteFactor: 1.54,
  cloudOverheadMs: 3.75,
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

/** Live-migration limits (RTT, ms). */
export const VMOTION = {
  vsphere4: { value: 5, unit: 'ms', source: 'VMware KB 310156 "Understanding Metro vMotion": on vSphere 4.1 vMotion is supported below 5 ms RTT' },
  vsphere5Metro: {
    value: 10,
    unit: 'ms',
    source: 'VMware KB 310156 "Understanding Metro vMotion": vSphere 5.0/5.1 Metro vMotion up to 10 ms RTT, Enterprise Plus only',
  },
  vsphere5Other: {
    value: 5,
    unit: 'ms',
    source: 'VMware KB 310156 "Understanding Metro vMotion": Metro vMotion needs Enterprise Plus; other editions keep 5 ms RTT',
  },
  vsphere6: {
    value: 150,
    unit: 'ms',
    source: 'vSphere 6.0+ "vCenter Server and Host Management", "Round-Trip Time for Long-Distance vMotion Migration": at most 150 ms RTT',
  },
  hcxVmotion: { value: 150, unit: 'ms', source: 'VMware HCX User Guide, "Network Underlay Minimum Requirements": HCX vMotion/RAV need at most 150 ms RTT' },
  hcxVmotionMbps: { value: 100, unit: 'Mbps', source: 'VMware HCX User Guide, "Network Underlay Minimum Requirements": 100 Mbps for HCX vMotion' },
  hcxRavMbps: { value: 150, unit: 'Mbps', source: 'Broadcom KB 440117 (HCX Replication Assisted vMotion requirements): 150 Mbps' },
  bandwidthPerMigration: {
    value: 250,
    unit: 'Mbps',
    source:
      'vSphere 6.0+ "vCenter Server and Host Management", "Requirements for Concurrent vMotion Migrations": at least 250 Mbps dedicated per concurrent vMotion',
  },
} satisfies Record<string, Limit>;

export const VSAN = {
  dataSites: { value: 5, unit: 'ms', source: 'VMware vSAN Network Design, "Bandwidth and Latency Requirements": site to site less than 5 ms RTT' },
  witness: {
    value: 200,
    unit: 'ms',
    source: 'VMware vSAN Network Design, "Bandwidth and Latency Requirements": site to witness less than 200 ms RTT for up to 10 hosts per site',
  },
  witnessLarge: {
    value: 100,
    unit: 'ms',
    source: 'VMware vSAN Network Design, "Bandwidth and Latency Requirements": site to witness less than 100 ms RTT for 11-15 hosts per site',
  },
  witnessTwoNode: {
    value: 500,
    unit: 'ms',
    source:
      'VMware vSAN Network Design, "Bandwidth and Latency Requirements": a two-node cluster (one host per site) allows less than 500 ms RTT to the witness',
  },
  largeHostsPerSite: {
    value: 10,
    unit: 'count',
    source: 'VMware vSAN Network Design, "Bandwidth and Latency Requirements": the 200 ms witness limit holds up to 10 hosts per site',
  },
} satisfies Record<string, Limit>;

export const STRETCHED_L2 = {
  metroRtt: { value: 10, unit: 'ms', source: 'metro distance: the 10 ms Metro vMotion / vMSC envelope; beyond it one L2 failure domain spans regions' },
} satisfies Record<string, Limit>;

/** Cluster heartbeat limits by kind: the RTT the product tolerates between members. */
export const CLUSTER: Record<string, Limit & { label: string }> = {
  vmsc: { label: 'vSphere Metro Storage Cluster', value: 10, unit: 'ms', source: 'VMware vMSC KB: 10 ms RTT between sites (5 ms for some storage protocols)' },
  wsfc: {
    label: 'Windows Server Failover Cluster',
    value: 1000,
    unit: 'ms',
    source: 'Microsoft, "Tuning failover cluster network thresholds": CrossSubnetDelay 1000 ms, a heartbeat must be answered within the delay',
  },
  pacemaker: {
    label: 'Pacemaker/Corosync',
    value: 1000,
    unit: 'ms',
    source: 'corosync.conf(5): totem token 1000 ms (Corosync 2); the token must rotate inside it',
  },
  etcd: {
    label: 'etcd',
    value: 100,
    unit: 'ms',
    source: 'etcd "Tuning" guide: heartbeat interval 100 ms should be about the max RTT; election timeout 1000 ms >= 10 x RTT',
  },
  'oracle-rac': {
    label: 'Oracle RAC extended distance',
    value: 1,
    unit: 'ms',
    source: 'Oracle extended-distance cluster white paper: about 100 km (about 1 ms RTT on fiber)',
  },
  'sql-ag': {
    label: 'SQL Server AG, synchronous commit',
    value: 5,
    unit: 'ms',
    source: 'every synchronous commit waits one RTT: generic synchronous default 5 ms (Microsoft Storage Replica guidance)',
  },
  'nsx-federation': {
    label: 'NSX Federation',
    value: 150,
    unit: 'ms',
    source:
      'VMware NSX Federation documentation, "Federation requirements": at most 150 ms RTT between locations (nsxt provider: nsxt_policy_site.maximum_rtt defaults to 250)',
  },
  vsphere: { label: 'vSphere HA cluster across sites', value: 10, unit: 'ms', source: 'VMware vMSC KB: 10 ms RTT for a cluster stretched across sites' },
};

/** Synchronous replication limits by product. `km` rows are converted with the lower-bound figure. */
export const SYNC_REPLICATION: Record<string, Limit & { label: string }> = {
  'vplex-metro': { label: 'Dell VPLEX Metro', value: 10, unit: 'ms', source: 'Dell VPLEX documentation: 10 ms RTT (5 ms on older releases)' },
  'storage-replica': {
    label: 'Microsoft Storage Replica',
    value: 5,
    unit: 'ms',
    source: 'Microsoft Storage Replica overview: 5 ms RTT recommended for synchronous',
  },
  'netapp-metrocluster-ip': {
    label: 'NetApp MetroCluster IP',
    value: 700,
    unit: 'km',
    source:
      'NetApp MetroCluster IP Installation and Configuration Guide, "Latency and packet loss limits in the ISLs": at most 700 km and 7 ms RTT, whichever comes first (per platform: Hardware Universe)',
  },
  'netapp-metrocluster-fc': { label: 'NetApp MetroCluster FC', value: 300, unit: 'km', source: 'NetApp MetroCluster FC documentation: up to 300 km' },
  'pure-activecluster': { label: 'Pure ActiveCluster', value: 11, unit: 'ms', source: 'Pure Storage ActiveCluster documentation: 11 ms RTT' },
  'srdf-s': { label: 'Dell SRDF/S', value: 200, unit: 'km', source: 'Dell SRDF documentation: about 200 km guidance for SRDF/S' },
  'ibm-hyperswap': { label: 'IBM HyperSwap', value: 300, unit: 'km', source: 'IBM Spectrum Virtualize documentation: HyperSwap up to 300 km' },
  generic: { label: 'synchronous replication', value: 5, unit: 'ms', source: 'design default: every write waits one RTT; 5 ms keeps write latency tolerable' },
};

export const L2_TIMERS = {
  arpRetransMs: { value: 1000, unit: 'ms', source: 'Linux arp(7) / ip-sysctl: retrans_time 1 s' },
  fhrpMarginFactor: {
    value: 3,
    unit: 'count',
    source: 'Cisco HSRP configuration guide: hold must exceed one-way delay plus jitter with margin (3 x assumed here)',
  },
} satisfies Record<string, Limit>;

export const TCP = {
  windowBytes: { value: 6 * 1024 * 1024, unit: 'count', source: 'Linux ip-sysctl: tcp_rmem max about 6 MiB' },
} satisfies Record<string, Limit>;

/** Users and services (user-latency, cross-site-dependency). */
export const SERVICES = {
  requestBudgetMs: {
    value: 100,
    unit: 'ms',
    source:
      'DCI Lint heuristic: 0.1 s is the limit for a response to feel instantaneous (J. Nielsen, "Response Times: The 3 Important Limits", Usability Engineering, 1993, https://www.nngroup.com/articles/response-times-3-important-limits/)',
  },
} satisfies Record<string, Limit>;

const COSMOS_DOC = 'Microsoft Learn, "Consistency levels in Azure Cosmos DB", https://learn.microsoft.com/azure/cosmos-db/consistency-levels';
const AURORA_DOC =
  'AWS, Amazon Aurora User Guide, "Using Amazon Aurora Global Database", https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html';

/** Managed multi-region data services (managed-replication): what each vendor documents. */
export const MANAGED = {
  cosmosStrongMaxKm: {
    value: 8000,
    unit: 'km',
    source: `vendor: ${COSMOS_DOC}: strong consistency is blocked by default for accounts with regions more than 8,000 km apart`,
  },
  cosmosStrongOverheadMs: {
    value: 10,
    unit: 'ms',
    source: `vendor: ${COSMOS_DOC}: with strong consistency across regions, write latency (p99) is about 2 x RTT between the two farthest regions + 10 ms`,
  },
  auroraMaxSecondaries: {
    value: 10,
    unit: 'count',
    source: `vendor: ${AURORA_DOC}: a global database has one primary and up to 10 secondary Regions (5 in older releases)`,
  },
  auroraTypicalLagMs: {
    value: 1000,
    unit: 'ms',
    source: `vendor: ${AURORA_DOC}: cross-Region replication typically under a second`,
  },
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
