// The rule registry: adding a rule touches its file, this list, its docs page and its fixtures.
import { bandwidthDelay } from './bandwidth-delay';
import { clusterHeartbeatRtt } from './cluster-heartbeat-rtt';
import { crossSiteDependency } from './cross-site-dependency';
import { duplicateSite } from './duplicate-site';
import { followTheSun } from './follow-the-sun';
import { gatewayTrombone } from './gateway-trombone';
import { impossibleRtt } from './impossible-rtt';
import { inferredLocation } from './inferred-location';
import { invalidLocation } from './invalid-location';
import { managedReplication } from './managed-replication';
import { schema } from './schema';
import { stretchedL2Distance } from './stretched-l2-distance';
import { stretchedL2Timers } from './stretched-l2-timers';
import { syncReplicationRtt } from './sync-replication-rtt';
import { syntax } from './syntax';
import type { Rule } from './types';
import { unknownPlace } from './unknown-place';
import { unknownRegion } from './unknown-region';
import { unknownSite } from './unknown-site';
import { unresolvedLocation } from './unresolved-location';
import { userLatency } from './user-latency';
import { vmotionBandwidth } from './vmotion-bandwidth';
import { vmotionRtt } from './vmotion-rtt';
import { vsanStretchedRtt } from './vsan-stretched-rtt';
import { vsanWitnessSite } from './vsan-witness-site';

export const RULES: readonly Rule[] = [
  syntax,
  schema,
  unknownSite,
  duplicateSite,
  unknownRegion,
  unknownPlace,
  invalidLocation,
  unresolvedLocation,
  inferredLocation,
  impossibleRtt,
  vmotionRtt,
  vmotionBandwidth,
  followTheSun,
  stretchedL2Distance,
  stretchedL2Timers,
  gatewayTrombone,
  vsanStretchedRtt,
  clusterHeartbeatRtt,
  syncReplicationRtt,
  bandwidthDelay,
  userLatency,
  crossSiteDependency,
  managedReplication,
  vsanWitnessSite,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
