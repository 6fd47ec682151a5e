using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// What every provider's comment and status writes share: refusing a target before any call (so a kind the provider
/// lacks never costs a request or leaves a half-posted comment), and reading ids and links from the answer.
/// </summary>
internal static class ProviderWrites
{
    /// <summary>
    /// Refuses a target the provider cannot take, in words a person can act on: <paramref name="whyNot"/> says why a
    /// kind the provider lacks is missing there; a target without its number or sha is refused too.
    /// </summary>
    public static void Check(ProviderDescriptor descriptor, CommentTarget target, Func<CommentTargetKind, string> whyNot)
    {
        if (!descriptor.CommentTargets.Contains(target.Kind))
        {
            throw Refused(descriptor, whyNot(target.Kind));
        }

        if (target.Kind == CommentTargetKind.Commit ? string.IsNullOrWhiteSpace(target.Sha) : target.Number is not > 0)
        {
            throw Refused(descriptor, target.Kind switch
            {
                CommentTargetKind.PullRequest => "A pull request comment needs the pull request's number.",
                CommentTargetKind.Issue => "An issue comment needs the issue's number.",
                _ => "A commit comment needs the commit's sha.",
            });
        }
    }

    /// <summary>The number of a checked pull request or issue target, as it goes into a path.</summary>
    public static string Number(CommentTarget target) =>
        (target.Number ?? throw new InvalidOperationException("unchecked target")).ToString(CultureInfo.InvariantCulture);

    public static ProviderApiException Refused(ProviderDescriptor descriptor, string message) =>
        new(descriptor.Kind, ProviderApiErrorKind.Rejected, message);

    /// <summary>A JSON object answer, or a <see cref="ProviderApiErrorKind.BadResponse"/>.</summary>
    public static JsonObject Object(ApiTransport api, ApiResponse response) => api.Read<JsonObject>(response, ProviderJson.CamelCase);

    /// <summary>A string or number field as text (ids are numbers at most providers, strings at some); null when absent.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>The id the answer must carry; an answer without one is not a created comment.</summary>
    public static string RequiredId(ApiTransport api, ApiResponse response, JsonNode? node, string field) =>
        Text(node) is { Length: > 0 } id ? id : throw api.BadResponse(response.RequestUrl, $"the answer has no {field}");

    /// <summary>
    /// Shortens to <paramref name="max"/> characters with an ellipsis, never splitting a surrogate pair
    /// (GitHub refuses a status description over 140 characters with 422).
    /// </summary>
    public static string? Shorten(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        int cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>Adds the field only when there is a value: providers treat an explicit null differently from an absent field.</summary>
    public static JsonObject With(this JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }

        return body;
    }
}
