using System.Text.Json;

namespace IntegrationHub.Cli;

/// <summary>What the hub answered: status (0 when it could not be reached), the JSON, Retry-After, and a ProblemDetails detail.</summary>
internal sealed record HubAnswer(int Status, JsonElement Json, TimeSpan? RetryAfter, string Detail)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The sentence the CLI prints for a failure: what went wrong, the hub's own words, and what to do.</summary>
    public string Describe(Uri hub) => Status switch
    {
        0 => $"cannot reach the hub at {hub}: {Detail}",
        401 => $"the hub did not accept the API key (401): {Detail} Check --key or IHUB_API_KEY; a revoked key stops working at once.",
        403 => $"the API key may not do this (403): {Detail} Give the key the scope in the dashboard, or use another key.",
        404 => $"not found (404): {Detail}",
        429 => $"rate limited (429): {Detail} Try again in {(RetryAfter ?? TimeSpan.FromSeconds(60)).TotalSeconds:0} s.",
        _ => $"the hub answered {Status}: {Detail}",
    };
}
