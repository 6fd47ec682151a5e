namespace IntegrationHub.Cli;

/// <summary>Dispatches the command line. Takes its streams and clock as arguments so tests can run it in-process.</summary>
internal static class CliApp
{
    public const string Usage = """
        ihub - IntegrationHub operator tools

        Usage:
          ihub normalize --provider <provider> [--event <event>]  < payload.json
          ihub --help

        Commands:
          normalize   Reads a webhook payload on standard input and prints the events the hub
                      normalizes it into, as JSON. Explains what a delivery means to the hub.

        Options:
          --provider  github | gitlab | bitbucket-cloud | bitbucket-dc | azure-devops
          --event     The delivery's event header: X-GitHub-Event (github, required),
                      X-Event-Key (bitbucket-cloud, required; bitbucket-dc, optional),
                      X-Gitlab-Event (gitlab, optional). Azure DevOps reads eventType from the body.

        Exit codes:
          0  events printed, or the payload is one the hub ignores (reason on standard error)
          1  the payload cannot be read (not JSON, or missing required fields)
          2  usage error

        Example:
          ihub normalize --provider github --event push < push.json
        """;

    public static int Run(string[] args, Stream? stdin, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
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

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"ihub: {message}");
        stderr.WriteLine("Run 'ihub --help' for usage.");
        return ExitCodes.Usage;
    }
}
