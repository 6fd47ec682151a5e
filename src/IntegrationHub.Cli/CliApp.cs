namespace IntegrationHub.Cli;

/// <summary>Dispatches the command line. Takes its streams and clock as arguments so tests can run it in-process.</summary>
internal static class CliApp
{
    public const string Usage = """
        ihub - IntegrationHub operator tools

        Usage:
          ihub normalize --provider <provider> [--event <event>]  < payload.json
          ihub events [--follow] [--after <cursor>] [--kind <kind>] [--repository <id>] [--mention <handle>] [--json]
          ihub reply <event-id> "text" [--policy pull_request,commit,issue] [--idempotency-key <key>] [--json]
          ihub --help

        Commands:
          normalize   Reads a webhook payload on standard input and prints the events the hub
                      normalizes it into, as JSON. Explains what a delivery means to the hub.
          events      Prints the tenant's events, one line each (--json: one JSON object a line), oldest
                      first; --follow keeps waiting for new ones (long poll). The last cursor is printed on
                      standard error: pass it as --after to resume exactly there.
          reply       Answers an event where it happened (the pull request, else the commit, else the
                      issue, or the order --policy gives) through the tenant's connection.

        Options:
          --provider  github | gitlab | bitbucket-cloud | bitbucket-dc | azure-devops
          --event     The delivery's event header: X-GitHub-Event (github, required),
                      X-Event-Key (bitbucket-cloud, required; bitbucket-dc, optional),
                      X-Gitlab-Event (gitlab, optional). Azure DevOps reads eventType from the body.
          --hub       The hub's URL (events, reply); default: the IHUB_URL environment variable.
          --key       An API key, ihub_... (events: events:read; reply: actions:write); default: IHUB_API_KEY.
                      The local default prints both.

        Exit codes:
          0  events printed, or the payload is one the hub ignores (reason on standard error)
          1  the payload cannot be read (not JSON, or missing required fields)
          2  usage error
          3  the hub refused the request (401 key, 403 scope, 404 not found, 429 rate limit; reason printed)
          4  the hub could not be reached

        Example:
          ihub normalize --provider github --event push < push.json
          IHUB_URL=http://127.0.0.1:5080 IHUB_API_KEY=ihub_... ihub events --follow --mention hub-bot
          ihub reply 42 "Thanks, looking into it."
        """;

    /// <summary>Every command, the API ones included. <paramref name="env"/> and <paramref name="handler"/> let tests run it in-process.</summary>
    public static async Task<int> RunAsync(string[] args, Stream? stdin, TextWriter stdout, TextWriter stderr, TimeProvider time,
        Func<string, string?> env, HttpMessageHandler? handler, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is not ("events" or "reply") || args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            return Run(args, stdin, stdout, stderr, time);
        }

        bool events = args[0] == "events";
        if (!CliArgs.TryParse(args.AsSpan(1), events ? EventsCommand.Flags : ReplyCommand.Flags, events ? EventsCommand.Valued : ReplyCommand.Valued,
            out var parsed, out string? error))
        {
            return UsageError(stderr, error);
        }

        if (HubTarget.TryCreate(parsed["--hub"], parsed["--key"], env, out error) is not { } target)
        {
            return UsageError(stderr, error!);
        }

        // A long poll holds the request up to 30 s; leave room for the answer.
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(90);
        var hub = new HubClient(http, target);
        return events
            ? await EventsCommand.RunAsync(parsed, hub, stdout, stderr, time, ct)
            : await ReplyCommand.RunAsync(parsed, hub, stdout, stderr, ct);
    }

    public static int Run(string[] args, Stream? stdin, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] is "events" or "reply")
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (args[0] != "normalize")
        {
            return UsageError(stderr, $"unknown command '{args[0]}'");
        }

        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (!NormalizeOptions.TryParse(args.AsSpan(1), out NormalizeOptions? options, out string? error))
        {
            return UsageError(stderr, error);
        }

        if (stdin is null)
        {
            return UsageError(stderr, "no payload: pipe the delivery body on standard input");
        }

        return NormalizeCommand.Run(options, stdin, stdout, stderr, time);
    }

    internal static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"ihub: {message}");
        stderr.WriteLine("Run 'ihub --help' for usage.");
        return ExitCodes.Usage;
    }
}
