using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.Tests.Api.Writes;

/// <summary>Checks on what a write sent: exactly this method and URL (path and query), this JSON body and no other request.</summary>
internal static class WriteAssert
{
    public static RecordedRequest Sent(CannedHttp http, HttpMethod method, string url, string json)
    {
        RecordedRequest request = Assert.Single(http.Requests);
        Assert.Equal(method, request.Method);
        Assert.Equal(url, request.Url.AbsoluteUri);
        JsonNode expected = JsonNode.Parse(json)!;
        JsonNode actual = request.JsonBody();
        Assert.True(JsonNode.DeepEquals(expected, actual), $"sent {actual.ToJsonString()}, expected {expected.ToJsonString()}");
        return request;
    }
}
