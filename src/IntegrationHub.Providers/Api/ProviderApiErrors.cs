using System.Net;
using System.Text.Json;

namespace IntegrationHub.Providers.Api;

/// <summary>Turns a failed HTTP answer into a <see cref="ProviderApiException"/>, rate limits first.</summary>
internal static class ProviderApiErrors
{
    /// <summary>
    /// GitHub: when a secondary limit comes without <c>Retry-After</c>, wait at least a minute; we use the same default
    /// for any 429 that says nothing. https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
    /// </summary>
    internal static readonly TimeSpan DefaultRateLimitPause = TimeSpan.FromMinutes(1);

    public static ProviderApiException FromResponse(
        ProviderDescriptor descriptor, HttpMethod method, Uri url, HttpResponseMessage response, string body,
        RateLimitSnapshot? rateLimit, DateTimeOffset now, string secret)
    {
        ProviderKind provider = descriptor.Kind;
        HttpStatusCode status = response.StatusCode;
        string? said = Redact(ExtractMessage(body), secret);
        DateTimeOffset? retryAfter = RetryAfter.Read(response.Headers, now);
        string call = $"{descriptor.Slug}: {method} {url.AbsolutePath}";

        bool rateLimited = status == HttpStatusCode.TooManyRequests
            || (status == HttpStatusCode.Forbidden
                && (rateLimit?.Remaining == 0 || retryAfter is not null
                    || said?.Contains("rate limit", StringComparison.OrdinalIgnoreCase) == true));
        if (rateLimited)
        {
            // Primary limit: resume at the reset; secondary: Retry-After; neither: one minute.
            DateTimeOffset resume = retryAfter ?? (rateLimit?.Remaining == 0 ? rateLimit.ResetAt : null) ?? now + DefaultRateLimitPause;
            return new(provider, ProviderApiErrorKind.RateLimited,
                $"{call} was rate limited ({(int)status}); resume at {resume:u}. {said}".TrimEnd(),
                status, said, resume, rateLimit);
        }

        (ProviderApiErrorKind kind, string words) = (int)status switch
        {
            401 => (ProviderApiErrorKind.Unauthorized, "the token was not accepted"),
            203 => (ProviderApiErrorKind.Unauthorized, "a sign-in page came back instead of data (Azure DevOps answers an invalid PAT this way)"),
            403 => (ProviderApiErrorKind.Forbidden, "access denied (missing scope or permission)"),
            404 or 410 => (ProviderApiErrorKind.NotFound, "not found or not visible to this token"),
            >= 500 => (ProviderApiErrorKind.Server, "the provider failed"),
            _ => (ProviderApiErrorKind.Rejected, "the provider refused the request"),
        };
        return new(provider, kind, $"{call} failed with {(int)status}: {words}. {said}".TrimEnd(),
            status, said, kind == ProviderApiErrorKind.Server ? retryAfter : null, rateLimit);
    }

    /// <summary>The error text in the shapes our providers use; null when the body is not JSON.</summary>
    internal static string? ExtractMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart() is not ['{', ..])
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            string? text = Find(doc.RootElement);
            return text is { Length: > 500 } ? text[..500] : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // GitHub {"message"}, GitLab {"message"} or {"error"}, Bitbucket Cloud {"error":{"message"}},
    // Bitbucket DC {"errors":[{"message"}]}, Azure {"message","typeKey"}.
    private static string? Find(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (string name in (string[])["message", "error_description", "error"])
        {
            if (root.TryGetProperty(name, out JsonElement value))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }

                if (value.ValueKind == JsonValueKind.Object && Find(value) is { } nested)
                {
                    return nested;
                }

                if (value.ValueKind == JsonValueKind.Object || value.ValueKind == JsonValueKind.Array)
                {
                    return value.GetRawText();
                }
            }
        }

        if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array
            && errors.GetArrayLength() > 0 && errors[0].ValueKind == JsonValueKind.Object)
        {
            return Find(errors[0]);
        }

        return null;
    }

    internal static string? Redact(string? text, string secret) =>
        text is null || secret.Length < 4 ? text : text.Replace(secret, "***", StringComparison.Ordinal);
}
