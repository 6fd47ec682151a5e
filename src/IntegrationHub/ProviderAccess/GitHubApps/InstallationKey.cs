namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>One installation of one app: the tenant's app row (null: the platform app), GitHub's app id and the installation id.</summary>
internal readonly record struct InstallationKey(Guid? OwnAppId, long AppId, long InstallationId);
