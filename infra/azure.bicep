// The CSE bot on Azure: a Linux App Service (Node 24 LTS) running the bot, an Azure Bot registration
// for Teams, a Storage account whose tables the bot reaches with its managed identity (no keys:
// shared-key access is switched off), and Application Insights with a Log Analytics workspace for
// the bot's one-line-per-turn logs. Deployed by `teamsapp provision` (arm/deploy) or by
// `az deployment group create -g <group> -f infra/azure.bicep -p infra/azure.parameters.json`.

@minLength(4)
@maxLength(20)
@description('Lower-case letters and digits; names every resource (storage account names must be unique in Azure).')
param resourceBaseName string

@description('Where the resources live. UK South keeps council data in the UK.')
param location string = resourceGroup().location

@description('App Service plan size. B1 suits a pilot; S1 or P0v3 and up allow scaling out and deployment slots.')
param appServiceSku string = 'B1'

@description('How many instances run the bot (1 to 10; a string, as Teams Toolkit fills parameters from text). Every instance serves Teams; one at a time sends reminders (a lease in storage).')
param instanceCount string = '1'

var instances = min(max(int(instanceCount), 1), 10)

@description('CSE coordinators from the start: Entra object ids or UPNs, comma-separated. Empty: the first person to type setup becomes coordinator.')
param coordinators string = ''

@description('Prefix of the table names (letters and digits).')
param tablePrefix string = 'cse'

@description('Display name of the bot in Azure.')
param botDisplayName string = 'CSE Assessment'

var names = {
  identity: '${resourceBaseName}-bot-identity'
  storage: take('${replace(toLower(resourceBaseName), '-', '')}store', 24)
  workspace: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
  plan: '${resourceBaseName}-plan'
  site: '${resourceBaseName}-bot'
  bot: '${resourceBaseName}-bot'
}
var hostName = '${names.site}.azurewebsites.net'
// Every table the bot uses (src/store/tables.ts TABLE_NAMES); a test keeps the two lists equal.
var tableNames = ['Campaigns', 'Assessments', 'Participants', 'Tenants', 'Actions', 'Outbox', 'Files', 'Standards']
// Built-in role "Storage Table Data Contributor": read and write entities, nothing else.
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// One identity for both jobs: the bot signs in to the Bot Framework with it, and reads and
// writes its tables with it. There is no client secret anywhere.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tableNames: {
  parent: tableService
  name: '${tablePrefix}${table}'
}]

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, tableDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instances
  }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: names.site
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node dist/index.js'
      // The in-process scheduler sends reminders at 09:00: the app must not be unloaded when idle.
      alwaysOn: true
      // The load balancer stops sending turns to an instance whose storage is unreachable or that is shutting down.
      healthCheckPath: '/readyz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'BOT_ENDPOINT', value: 'https://${hostName}' }
        // DefaultAzureCredential picks the user-assigned identity by its client id.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'TABLES_ENDPOINT', value: storage.properties.primaryEndpoints.table }
        { name: 'TABLE_PREFIX', value: tablePrefix }
        { name: 'COORDINATORS', value: coordinators }
        { name: 'REMINDERS', value: 'on' }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
      ]
    }
  }
}

// The bot's JSON log lines (stdout) and HTTP logs go to the workspace, to query with KQL.
resource siteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'to-workspace'
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${hostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written by Teams Toolkit into env/.env.<environment> (upper-case names).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = site.id
output BOT_DOMAIN string = hostName
output BOT_ENDPOINT string = 'https://${hostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output TABLES_ENDPOINT string = storage.properties.primaryEndpoints.table
