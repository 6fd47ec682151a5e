using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Actions;

/// <summary>The actions API as a client calls it, with an optional Idempotency-Key.</summary>
internal static class ActionsCalls
{
    public static Task<HttpResponseMessage> CommentAsync(TenantKey tenant, Guid repositoryId, object body, string? key = null) =>
        PostAsync(tenant, $"/api/v1/repositories/{repositoryId}/comments", body, key);

    public static Task<HttpResponseMessage> ReplyAsync(TenantKey tenant, long eventId, object body, string? key = null) =>
        PostAsync(tenant, $"/api/v1/events/{eventId}/reply", body, key);

    public static Task<HttpResponseMessage> StatusAsync(TenantKey tenant, Guid repositoryId, object body, string? key = null) =>
        PostAsync(tenant, $"/api/v1/repositories/{repositoryId}/statuses", body, key);

    public static async Task<HttpResponseMessage> PostAsync(TenantKey tenant, string path, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await tenant.Client.SendAsync(request);
    }

    /// <summary>The answer's JSON, after checking its status (the body is in the failure message).</summary>
    public static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, int status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
