namespace IntegrationHub.Tests.Actions;

/// <summary>A tenant and a client that calls the API with one of its keys (named <see cref="KeyName"/>).</summary>
public sealed record TenantKey(Guid TenantId, string KeyName, HttpClient Client);
