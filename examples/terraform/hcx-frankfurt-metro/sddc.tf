resource "vmc_sddc" "fra" {
  sddc_name          = "sddc-fra"
  region             = var.sddc_region
  num_host           = 3
  host_instance_type = "I4I_METAL"
  vpc_cidr           = "10.2.0.0/16"
}

# Activates HCX in the SDDC; its cloud_url is the far end of the pairing.
resource "hcx_vmc" "fra" {
  sddc_name = vmc_sddc.fra.sddc_name
}
