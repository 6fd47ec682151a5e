using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// GitHub's secondary-limit refusal: 403, <c>Retry-After</c> in seconds, and its message with the documentation link.
/// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
/// </summary>
internal sealed class GitHubSecondaryLimitAnswer(int retryAfterSeconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = 403;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return response.WriteAsync(new JsonObject
        {
            ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                + "If you reach out to GitHub Support for help, please include the request ID " + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant() + ".",
            ["documentation_url"] = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        }.ToJsonString());
    }
}
