namespace IntegrationHub.Cli;

/// <summary>
/// ihub: operator tools. `ihub normalize` explains a webhook delivery; `ihub events` and `ihub reply` use the API.
/// A named class rather than top-level statements, so test projects that also see the web host's Program can reference it.
/// </summary>
internal static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Ctrl-C stops `ihub events --follow` cleanly (it prints the cursor to resume from); a second one kills.
            e.Cancel = !stopping.IsCancellationRequested;
            stopping.Cancel();
        };

        return await CliApp.RunAsync(
            args,
            Console.IsInputRedirected ? Console.OpenStandardInput() : null,
            Console.Out,
            Console.Error,
            TimeProvider.System,
            Environment.GetEnvironmentVariable,
            handler: null,
            stopping.Token);
    }
}
