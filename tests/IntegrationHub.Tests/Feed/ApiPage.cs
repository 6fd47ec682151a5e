using System.Net;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Feed;

/// <summary>A page of GET /api/v1/events as a client reads it.</summary>
internal sealed record ApiPage(IReadOnlyList<JsonObject> Data, string Next)
{
    public IEnumerable<long> Ids => Data.Select(e => e["id"]!.GetValue<long>());

    public static async Task<ApiPage> GetAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/events" + query);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!.AsObject();
        return new ApiPage([.. json["data"]!.AsArray().Select(e => e!.AsObject())], json["next"]!.GetValue<string>());
    }

    /// <summary>Follows the feed from <paramref name="next"/> until <paramref name="expected"/> events came (or a generous deadline).</summary>
    public static async Task<(List<long> Ids, string Next)> FollowAsync(HttpClient client, string next, int expected, string filter = "", int limit = 2)
    {
        var ids = new List<long>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ids.Count < expected && DateTime.UtcNow < deadline)
        {
            var page = await GetAsync(client, $"?limit={limit}&wait=1&after={Uri.EscapeDataString(next)}{filter}");
            ids.AddRange(page.Ids);
            next = page.Next;
        }

        return (ids, next);
    }
}
