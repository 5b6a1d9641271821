// The provider families, in the order they run. Adding a provider is one file in this folder (a
// ProviderFamily: what it reads, what it adds to the Design) and one line here. Order matters where
// families share sites: cloud sites first (HCX joins to them), the generic region scan last.

import type { ProviderFamily } from './context';
import { avs } from './avs';
import { cloudRegions } from './cloud-regions';
import { expressRoute } from './expressroute';
import { gcve } from './gcve';
import { hcx } from './hcx';
import { managedData } from './managed-data';
import { nsx } from './nsx';
import { unknownSources } from './sources';
import { vmc } from './vmc';
import { vsphere } from './vsphere';

export const PROVIDER_FAMILIES: readonly ProviderFamily[] = [unknownSources, vmc, avs, gcve, expressRoute, hcx, vsphere, nsx, managedData, cloudRegions];
