using System.Buffers.Text;
using System.Text.Json;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps pages lists with a continuation token in the <c>x-ms-continuationtoken</c> header, passed back as
/// <c>continuationToken</c>. https://learn.microsoft.com/rest/api/azure/devops/core/projects/list
/// </summary>
internal static class AzureDevOpsPagination
{
    public const string ContinuationHeader = "x-ms-continuationtoken";

    public static async Task<(List<T> Items, string? Continuation, ApiResponse Response)> GetPageAsync<T>(
        ApiTransport api, string pathAndQuery, string? continuation, CancellationToken cancellationToken)
    {
        string token = continuation is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuation);
        ApiResponse response = await api.GetAsync(api.Api(pathAndQuery + token), cancellationToken).ConfigureAwait(false);
        AzureDevOpsListDto<T> list = api.Read<AzureDevOpsListDto<T>>(response, ProviderJson.CamelCase);
        string? next = response.Headers.TryGetValues(ContinuationHeader, out IEnumerable<string>? values)
            ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
            : null;
        return (list.Value, next, response);
    }

    public static string Encode(AzureDevOpsCursorDto cursor) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(cursor, ProviderJson.CamelCase));

    public static AzureDevOpsCursorDto Decode(string cursor)
    {
        try
        {
            return JsonSerializer.Deserialize<AzureDevOpsCursorDto>(Base64Url.DecodeFromChars(cursor), ProviderJson.CamelCase)
                ?? throw new JsonException("null");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new ArgumentException("Not an Azure DevOps repository cursor.", nameof(cursor), ex);
        }
    }
}
