using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Validates a parsed query against <see cref="GitHubGraphQlSchema"/> and works out what GitHub charges for it, before
/// anything runs. https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
/// Every connection needs <c>first</c> or <c>last</c> within 1-100; nodes are each connection's size times the sizes of
/// the connections around it, at most 500,000 a call; cost is the number of requests the connections need (each one
/// once per node of the connections around it) divided by 100, rounded, at least 1.
/// Error types (MISSING_PAGINATION_BOUNDARIES, EXCESSIVE_PAGINATION, MAX_NODE_LIMIT_EXCEEDED) are those GitHub answers
/// with; the wording of the messages follows GitHub's as seen in public issue threads (unverified against the service).
/// </summary>
internal sealed class GitHubGraphQlPlan
{
    public const int MaxNodes = 500_000;

    private readonly List<JsonObject> _errors = [];
    private long _requests;
    private long _nodes;

    public IReadOnlyList<JsonObject> Errors => _errors;

    public int Cost => (int)Math.Max(1, Math.Round(_requests / 100.0, MidpointRounding.AwayFromZero));

    public long NodeCount => _nodes;

    public static GitHubGraphQlPlan Of(IReadOnlyList<GitHubGraphQlField> query)
    {
        var plan = new GitHubGraphQlPlan();
        plan.Walk("Query", query, ["query"], 1);
        if (plan._errors.Count == 0 && plan._nodes > MaxNodes)
        {
            plan._errors.Add(new JsonObject
            {
                ["type"] = "MAX_NODE_LIMIT_EXCEEDED",
                ["message"] = string.Format(CultureInfo.InvariantCulture,
                    "This query requests up to {0:N0} possible nodes which exceeds the maximum limit of {1:N0}.", plan._nodes, MaxNodes),
            });
        }

        return plan;
    }

    private void Walk(string type, IReadOnlyList<GitHubGraphQlField> selections, string[] path, long multiplier)
    {
        var fields = GitHubGraphQlSchema.Types[type];
        foreach (var field in selections)
        {
            if (field.On is { } on)
            {
                // A fragment adds no path element, cost or nodes of its own: only what it selects does.
                if (!GitHubGraphQlSchema.Types.ContainsKey(on))
                {
                    Fail(field, path, $"No such type {on}, so it can't be a fragment condition", code: "undefinedType");
                }
                else if (!GitHubGraphQlSchema.Overlaps(on, type))
                {
                    Fail(field, path, $"Fragment on {on} can't be spread inside {type}", code: "cannotSpreadFragment");
                }
                else
                {
                    Walk(on, field.Selections!, path, multiplier);
                }

                continue;
            }

            string[] here = [.. path, field.Key];
            if (field.Name == "__typename")
            {
                if (field.Selections is not null) Fail(field, here, $"Selections can't be made on scalars (field '__typename' returns String but has selections)");
                continue;
            }

            if (!fields.TryGetValue(field.Name, out var schema))
            {
                Fail(field, here, $"Field '{field.Name}' doesn't exist on type '{type}'", code: "undefinedField");
                continue;
            }

            foreach (var argument in field.Arguments.Keys.Where(a => !schema.Arguments.Contains(a)))
            {
                Fail(field, here, $"Field '{field.Name}' doesn't accept argument '{argument}'", code: "argumentNotAccepted");
            }

            var missing = schema.Required.Where(a => field.Arguments.GetValueOrDefault(a) is null).ToArray();
            if (missing.Length > 0)
            {
                Fail(field, here, $"Field '{field.Name}' is missing required arguments: {string.Join(", ", missing)}", code: "missingRequiredArguments");
            }

            if (schema.Type is null)
            {
                if (field.Selections is not null) Fail(field, here, $"Selections can't be made on scalars (field '{field.Name}' returns a scalar but has selections)");
                continue;
            }

            if (field.Selections is null)
            {
                Fail(field, here, $"Field must have selections (field '{field.Name}' returns {schema.Type} but has no selections. Did you mean '{field.Name} {{ ... }}'?)");
                continue;
            }

            var inner = multiplier;
            if (schema.IsConnection && Page(field, here) is { } size)
            {
                _requests += multiplier;
                _nodes += multiplier * size;
                inner = multiplier * size;
            }

            Walk(schema.Type, field.Selections, here, inner);
        }
    }

    /// <summary>The connection's page size, or null after recording GitHub's pagination error.</summary>
    private int? Page(GitHubGraphQlField field, string[] path)
    {
        var (argument, size) = field.Int("first") is { } first ? ("first", first) : field.Int("last") is { } last ? ("last", last) : ("", 0);
        if (argument.Length == 0)
        {
            Fail(field, path, $"You must provide a `first` or `last` value to properly paginate the `{field.Name}` connection.", "MISSING_PAGINATION_BOUNDARIES");
            return null;
        }

        if (size > 100)
        {
            Fail(field, path, $"Requesting {size} records on the `{field.Name}` connection exceeds the `{argument}` limit of 100 records.", "EXCESSIVE_PAGINATION");
            return null;
        }

        if (size < 1)
        {
            Fail(field, path, $"`{argument}` on the `{field.Name}` connection must be between 1 and 100.", "EXCESSIVE_PAGINATION");
            return null;
        }

        return size;
    }

    private void Fail(GitHubGraphQlField field, string[] path, string message, string? type = null, string? code = null)
    {
        var error = new JsonObject();
        if (type is not null) error["type"] = type;
        error["path"] = new JsonArray(path.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        if (code is not null) error["extensions"] = new JsonObject { ["code"] = code };
        error["locations"] = new JsonArray(field.Location);
        error["message"] = message;
        _errors.Add(error);
    }
}
