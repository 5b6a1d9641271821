vmc_org_id  = "00000000-0000-0000-0000-000000000000"
sddc_region = "eu-central-1"
