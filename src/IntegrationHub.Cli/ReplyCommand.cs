namespace IntegrationHub.Cli;

/// <summary>
/// <c>ihub reply &lt;event-id&gt; "text"</c>: answers an event where it happened, through the tenant's connection
/// (<c>POST /api/v1/events/{id}/reply</c>). An <c>--idempotency-key</c> makes running the same command again safe.
/// </summary>
internal static class ReplyCommand
{
    public static readonly string[] Flags = ["--json"];
    public static readonly string[] Valued = ["--policy", "--idempotency-key", "--hub", "--key"];
    private static readonly string[] Targets = ["pull_request", "commit", "issue"];

    public static async Task<int> RunAsync(CliArgs args, HubClient hub, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.Positionals.Count != 2 || !long.TryParse(args.Positionals[0], out long eventId) || eventId <= 0)
        {
            return CliApp.UsageError(stderr, "reply takes an event id and the text: ihub reply 42 \"Thanks!\"");
        }

        string text = args.Positionals[1];
        if (string.IsNullOrWhiteSpace(text))
        {
            return CliApp.UsageError(stderr, "the reply text is empty");
        }

        string[]? policy = null;
        if (args["--policy"] is { } p)
        {
            policy = p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string? bad = policy.FirstOrDefault(t => !Targets.Contains(t));
            if (policy.Length == 0 || bad is not null)
            {
                return CliApp.UsageError(stderr, $"--policy takes pull_request, commit and issue, comma-separated{(bad is null ? "" : $" (not '{bad}')")}");
            }
        }

        object body = policy is null ? new { body = text } : new { body = text, policy };
        var answer = await hub.PostAsync($"api/v1/events/{eventId}/reply", body, args["--idempotency-key"], ct);
        if (!answer.Ok)
        {
            stderr.WriteLine($"ihub: {answer.Describe(hub.Url)}");
            return answer.Status == 0 ? ExitCodes.Unreachable : ExitCodes.HubRefused;
        }

        if (args.Flags.Contains("--json"))
        {
            stdout.WriteLine(answer.Json.GetRawText());
            return ExitCodes.Ok;
        }

        string target = Field(answer, "target") ?? "target";
        string where = Field(answer, "number") is { } n ? $"{target} #{n}" : Field(answer, "sha") is { } sha ? $"{target} {sha}" : target;
        stdout.WriteLine($"Replied on {where}: {Field(answer, "url") ?? "(the provider gave no web URL)"} (comment {Field(answer, "id") ?? "?"})");
        return ExitCodes.Ok;
    }

    private static string? Field(HubAnswer answer, string name) =>
        answer.Json.ValueKind == System.Text.Json.JsonValueKind.Object && answer.Json.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                System.Text.Json.JsonValueKind.String => v.GetString(),
                System.Text.Json.JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;
}
