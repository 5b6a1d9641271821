resource "vmc_sddc" "syd" {
  sddc_name          = "sddc-syd"
  region             = var.sddc_region
  num_host           = 3
  host_instance_type = "I4I_METAL"
  vpc_cidr           = "10.2.0.0/16"
}

# Activates HCX in the SDDC; its cloud_url is the far end of the pairing.
resource "hcx_vmc" "syd" {
  sddc_name = vmc_sddc.syd.sddc_name
}
