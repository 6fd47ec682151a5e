using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Tests.Outbound;

internal sealed record ReceivedWebhook(string PathAndQuery, IHeaderDictionary Headers, string Body)
{
    public string Id => Headers["webhook-id"].ToString();

    public string Signature => Headers["webhook-signature"].ToString();

    public long EventId => JsonNode.Parse(Body)!["data"]!["id"]!.GetValue<long>();
}
