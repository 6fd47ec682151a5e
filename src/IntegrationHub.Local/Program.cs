using System.Runtime.InteropServices;

namespace IntegrationHub.Local;

/// <summary>The single-machine default: PostgreSQL under the data folder, the provider simulator, web and worker in one process.</summary>
internal static class LocalProgram
{
    public static async Task Main(string[] args)
    {
        string root = RepositoryRoot.Find();
        string dataDir = Environment.GetEnvironmentVariable("IHUB_DATA") ?? Path.Combine(root, ".data");
        using var stopping = new CancellationTokenSource();
        // Ctrl-C and SIGTERM both stop the hub, the simulator and then PostgreSQL, in that order.
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stopping.Cancel(); });
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stopping.Cancel(); });

        int pgPort = int.TryParse(Environment.GetEnvironmentVariable("IHUB_PG_PORT"), out int p) ? p : 5433;
        if (!File.Exists(Path.Combine(dataDir, "postgres", "postmaster.pid")) && EmbeddedPostgres.PortInUse(pgPort))
        {
            pgPort = EmbeddedPostgres.FreePort();
        }

        Console.WriteLine($"Starting PostgreSQL in {Path.Combine(dataDir, "postgres")} ...");
        await using var postgres = await EmbeddedPostgres.StartAsync(Path.Combine(dataDir, "postgres"), pgPort, throwaway: false, stopping.Token);
        await LocalDatabase.EnsureCreatedAsync(postgres, "integrationhub", stopping.Token);

        LocalStack stack;
        try
        {
            stack = await LocalStack.StartAsync(postgres.ConnectionString("integrationhub"), dataDir, args, stopping.Token);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Environment.ExitCode = 1;
            return;
        }

        await using var running = stack;
        Console.WriteLine($"""

            IntegrationHub is running.
              Dashboard        {stack.DashboardUrl}
              Simulator        {stack.SimulatorUrl}  (GitHub, GitLab, Bitbucket Cloud, Bitbucket Data Center, Azure DevOps)
              PostgreSQL       127.0.0.1:{postgres.Port} (data in {dataDir})
              Demo user        {stack.Credentials.DemoEmail} / {stack.Credentials.DemoPassword}
              Platform admin   {stack.Credentials.AdminEmail} / {stack.Credentials.AdminPassword}
              Demo API key     {stack.Credentials.DemoApiKey}  (every scope; reference at {stack.DashboardUrl}/api/docs)
              Demo PATs        GitLab {DemoProviders.Pats["gitlab"]} (scope api; base URL {stack.SimulatorUrl}/gitlab), GitHub {DemoProviders.Pats["github"]} (base URL {stack.SimulatorUrl}/github),
                               Bitbucket DC {DemoProviders.Pats["bitbucket-dc"]}, Azure DevOps {DemoProviders.Pats["azure-devops"]}
              GitHub App       {stack.GitHubApp.Slug} (Integrations, "Install the GitHub App": the simulator's installation page, then back)
            Press Ctrl-C to stop.
            """);
        Console.WriteLine(MentionBotLines(stack));

        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping ...");
        }
    }

    private static string MentionBotLines(LocalStack stack)
    {
        if (stack.BotProblem is { } problem)
        {
            return $"Mention bot       not running: {problem}";
        }

        return $"""
            Mention bot       {stack.BotUrl}/webhooks  (@{LocalMentionBot.Handle}, subscribed for the demo tenant)
            Mention bot: comment @{LocalMentionBot.Handle} hello on a pull request in the simulator and watch it answer. Sign in as the
              demo user, connect GitHub under Integrations (approve on the simulator's page), wait for its repositories, then:
                {stack.Threads.CommentCall(stack.SimulatorUrl, LocalMentionBot.Handle)}
              The answer appears on the same pull request (#{stack.Threads.GitHubPull} of {stack.Threads.Repository}) within seconds:
                {stack.Threads.CommentsCall(stack.SimulatorUrl)}
              Tail the events with the CLI: IHUB_URL={stack.DashboardUrl} IHUB_API_KEY={stack.Credentials.DemoApiKey} dotnet run --project src/IntegrationHub.Cli -- events --follow
            """;
    }
}
