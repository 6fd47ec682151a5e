namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// Two tenants watching one repository through the same hub with the same provider account. <see cref="Browser"/> is
/// tenant A's, signed in, when the test acts through A's pages.
/// </summary>
internal sealed record SharedRepository(string Provider, string SimPath, HttpClient? Browser, TenantSide A, TenantSide B);
