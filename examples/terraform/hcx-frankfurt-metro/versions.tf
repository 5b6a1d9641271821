# Example: the Frankfurt -> VMware Cloud on AWS design of ../hcx-frankfurt-sydney, to the SDDC in
# eu-central-1 (Frankfurt) instead: the same metro, so HCX vMotion and Network Extension are within
# their limits, and MON (`mon = true`) routes the extended network at the cloud side. dci-lint: clean.
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
