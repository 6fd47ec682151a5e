using System.Text.Json;

namespace IntegrationHub.Cli;

/// <summary>
/// <c>ihub events</c>: prints the tenant's events after a cursor, one line each (or JSON lines), and with <c>--follow</c>
/// keeps long-polling from the last <c>next</c>, as a consumer of the API should. The last cursor goes to standard error
/// so a later run can resume exactly there with <c>--after</c>.
/// </summary>
internal static class EventsCommand
{
    public static readonly string[] Flags = ["--follow", "--json"];
    public static readonly string[] Valued = ["--after", "--kind", "--repository", "--mention", "--limit", "--hub", "--key"];

    private const int PageSize = 100;
    private static readonly TimeSpan FollowWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OutageRetry = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(CliArgs args, HubClient hub, TextWriter stdout, TextWriter stderr, TimeProvider time, CancellationToken ct)
    {
        if (args.Positionals.Count > 0)
        {
            return CliApp.UsageError(stderr, $"unexpected argument '{args.Positionals[0]}'");
        }

        bool follow = args.Flags.Contains("--follow");
        int limit = PageSize;
        if (args["--limit"] is { } l && (!int.TryParse(l, out limit) || limit is < 1 or > 500))
        {
            return CliApp.UsageError(stderr, "--limit must be a number from 1 to 500");
        }

        string? cursor = args["--after"];
        try
        {
            while (true)
            {
                var answer = await hub.GetAsync(Query(args, cursor, limit, follow), ct);
                if (!answer.Ok)
                {
                    // Following is meant to outlast a busy or restarting hub; a wrong key or filter is not worth retrying.
                    if (follow && answer.Status is 0 or 429 or >= 500)
                    {
                        var pause = answer.RetryAfter ?? OutageRetry;
                        stderr.WriteLine($"ihub: {answer.Describe(hub.Url)} Retrying in {pause.TotalSeconds:0} s.");
                        await Task.Delay(pause, time, ct);
                        continue;
                    }

                    stderr.WriteLine($"ihub: {answer.Describe(hub.Url)}");
                    return answer.Status == 0 ? ExitCodes.Unreachable : ExitCodes.HubRefused;
                }

                var data = answer.Json.GetProperty("data");
                foreach (var ev in data.EnumerateArray())
                {
                    stdout.WriteLine(args.Flags.Contains("--json") ? ev.GetRawText() : EventLine.Format(ev));
                }

                stdout.Flush();
                cursor = answer.Json.GetProperty("next").GetString();
                if (!follow && data.GetArrayLength() < limit)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C while following: a normal way to stop.
        }

        if (cursor is not null)
        {
            stderr.WriteLine($"ihub: resume with --after {cursor}");
        }

        return ExitCodes.Ok;
    }

    private static string Query(CliArgs args, string? cursor, int limit, bool follow)
    {
        var parts = new List<string> { $"limit={limit}" };
        if (cursor is not null)
        {
            parts.Add("after=" + Uri.EscapeDataString(cursor));
        }

        foreach (var (option, name) in new[] { ("--kind", "kind"), ("--repository", "repository"), ("--mention", "mention") })
        {
            if (args[option] is { } value)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.TrimStart('@'))}");
            }
        }

        if (follow)
        {
            parts.Add($"wait={FollowWait.TotalSeconds:0}");
        }

        return "api/v1/events?" + string.Join('&', parts);
    }
}
