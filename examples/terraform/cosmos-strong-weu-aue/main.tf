# Azure Cosmos DB with strong consistency between West Europe and Australia East: 16,600 km apart.
# Azure blocks strong consistency by default beyond 8,000 km; were it allowed, every write would wait
# about 2 x RTT + 10 ms, over half a second.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "orders-rg"
  location = "westeurope"
}

resource "azurerm_cosmosdb_account" "orders" {
  name                = "orders-db"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  consistency_policy {
    consistency_level = "Strong"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }

  geo_location {
    location          = "australiaeast"
    failover_priority = 1
  }
}

# Strong consistency with multi-region writes: not offered, whatever the distance.
resource "azurerm_cosmosdb_account" "carts" {
  name                             = "carts-db"
  location                         = "westeurope"
  resource_group_name              = azurerm_resource_group.rg.name
  offer_type                       = "Standard"
  multiple_write_locations_enabled = true

  consistency_policy {
    consistency_level = "Strong"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }

  geo_location {
    location          = "northeurope"
    failover_priority = 1
  }
}
