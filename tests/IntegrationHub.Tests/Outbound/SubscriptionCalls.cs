using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Outbound;

/// <summary>The subscriptions API as a client calls it.</summary>
internal static class SubscriptionCalls
{
    public static async Task<(Guid Id, string Secret)> CreateAsync(HttpClient api, string url, string[]? kinds = null, Guid[]? repositories = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/subscriptions", new { url, kinds = kinds ?? [], repositories, description = "test receiver" });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var json = JsonNode.Parse(text)!;
        return (json["id"]!.GetValue<Guid>(), json["secret"]!.GetValue<string>());
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
