variable "hcx_user" {
  type    = string
  default = "administrator@vsphere.local"
}

variable "hcx_password" {
  type      = string
  sensitive = true
}

variable "vmc_api_token" {
  type      = string
  sensitive = true
}

variable "vmc_org_id" {
  type = string
}

variable "sddc_region" {
  type        = string
  description = "VMC region, AWS or VMC style"
}

variable "cloudadmin_password" {
  type      = string
  sensitive = true
}
