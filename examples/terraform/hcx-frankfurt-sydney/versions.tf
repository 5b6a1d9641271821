# Example: an on-premises data center in Frankfurt moves workloads to VMware Cloud on AWS in Sydney
# with HCX. The service mesh turns on HCX vMotion and Network Extension, and one VLAN is extended.
#
#   dci-lint examples/terraform/hcx-frankfurt-sydney
#
# Frankfurt-Sydney is 16,479 km: light in fiber alone needs 161 ms for the round trip, over the
# 150 ms HCX vMotion supports (vmotion-rtt, error, on the VMOTION service), and a layer-2 domain over
# that distance is one failure domain across continents (stretched-l2-distance, on the NETWORK_EXTENSION
# service and on the extended network). The extension keeps its gateway in Frankfurt
# (gateway-trombone, info). Quick fixes: switch VMOTION to BULK_MIGRATION, set `mon = true`.
# The same design to the Frankfurt region (../hcx-frankfurt-metro) is clean.
terraform {
  required_providers {
    hcx = {
      source  = "vmware/hcx"
      version = "~> 0.5"
    }
    vmc = {
      source = "vmware/vmc"
    }
  }
}

provider "hcx" {
  hcx      = "https://hcx-conn.fra1.example.net"
  username = var.hcx_user
  password = var.hcx_password
}

provider "vmc" {
  refresh_token = var.vmc_api_token
  org_id        = var.vmc_org_id
}
