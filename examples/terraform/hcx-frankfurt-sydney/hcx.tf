resource "hcx_location" "fra1" {
  city      = "Frankfurt"
  country   = "Germany"
  latitude  = 50.11
  longitude = 8.68
}

resource "hcx_site_pairing" "fra1_syd" {
  url      = hcx_vmc.syd.cloud_url
  username = "cloudadmin@vmc.local"
  password = var.cloudadmin_password
}

resource "hcx_compute_profile" "fra1" {
  name               = "cp-fra1"
  datacenter         = "FRA1"
  cluster            = "fra1-cl01"
  datastore          = "fra1-vsan"
  dvs                = "fra1-vds01"
  management_network = hcx_network_profile.mgmt.id
  uplink_network     = hcx_network_profile.mgmt.id
  vmotion_network    = hcx_network_profile.mgmt.id

  service { name = "INTERCONNECT" }
  service { name = "VMOTION" }
  service { name = "NETWORK_EXTENSION" }
}

resource "hcx_network_profile" "mgmt" {
  site_pairing  = hcx_site_pairing.fra1_syd
  network_name  = "dvpg-mgmt"
  name          = "np-mgmt"
  mtu           = 1500
  gateway       = "10.10.0.1"
  prefix_length = 24
}

resource "hcx_service_mesh" "fra1_syd" {
  name                   = "fra1-syd"
  site_pairing           = hcx_site_pairing.fra1_syd
  local_compute_profile  = hcx_compute_profile.fra1.name
  remote_compute_profile = "ComputeProfile(vcenter)"

  service { name = "INTERCONNECT" }
  service { name = "VMOTION" }
  service { name = "NETWORK_EXTENSION" }
}

resource "hcx_l2_extension" "app_vlan120" {
  site_pairing    = hcx_site_pairing.fra1_syd
  service_mesh_id = hcx_service_mesh.fra1_syd.id
  source_network  = "dvpg-app-120"
  network_type    = "DistributedVirtualPortgroup"
  destination_t1  = "cgw"
  gateway         = "10.20.0.1"
  netmask         = "255.255.255.0"
}
