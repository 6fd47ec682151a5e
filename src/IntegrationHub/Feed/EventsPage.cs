using System.Text.Json.Nodes;

namespace IntegrationHub.Feed;

/// <summary>
/// A page of events: <c>{"data":[...],"next":"..."}</c>. <c>next</c> is always there (the request's own cursor when
/// nothing was new), so a consumer stores it and asks again with <c>after=next</c>.
/// </summary>
public sealed record EventsPage(IReadOnlyList<JsonObject> Data, string Next);
