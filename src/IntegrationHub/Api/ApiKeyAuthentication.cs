using IntegrationHub.Data;

namespace IntegrationHub.Api;

/// <summary>
/// The API's authentication scheme. It is never the default scheme: the dashboard's cookie never authorizes an API call
/// (a cross-site form could otherwise ride a signed-in browser), and a Bearer key never authorizes a dashboard page.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    /// <summary>The group policy: any valid key of this scheme; the scope policies add what each endpoint needs.</summary>
    public const string AnyKeyPolicy = "ApiKey";
}
