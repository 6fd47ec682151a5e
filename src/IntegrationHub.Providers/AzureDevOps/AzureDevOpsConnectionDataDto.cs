using System.Text.Json;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// <c>GET {org}/_apis/connectionData</c>: the identity a PAT authenticates as, answered by the organization itself
/// (Azure DevOps Server too), unlike the profile API on app.vssps.visualstudio.com.
/// </summary>
internal sealed class AzureDevOpsConnectionDataDto
{
    public IdentityDto? AuthenticatedUser { get; init; }

    internal sealed class IdentityDto
    {
        public string Id { get; init; } = "";
        public string? ProviderDisplayName { get; init; }

        /// <summary><c>{"Account": {"$type": "System.String", "$value": "someone@example.com"}}</c>.</summary>
        public Dictionary<string, JsonElement>? Properties { get; init; }

        public string? Account =>
            Properties?.TryGetValue("Account", out JsonElement account) == true
            && account.ValueKind == JsonValueKind.Object
            && account.TryGetProperty("$value", out JsonElement value)
            && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}
