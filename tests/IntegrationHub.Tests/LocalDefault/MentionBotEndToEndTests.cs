using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Local;
using Xunit.Abstractions;

namespace IntegrationHub.Tests.LocalDefault;

/// <summary>
/// The issue's "done when": in the local default, a person comments "@hub-bot hello" through the simulator and the
/// mention bot's answer appears on the same pull request, merge request or issue. Every hop is real HTTP: simulator
/// webhook to the hub, hub's signed outbound webhook to the bot, bot's reply through the hub's API, hub's comment
/// through the connection back into the simulator.
/// </summary>
public sealed class MentionBotEndToEndTests(ITestOutputHelper output)
{
    private const int DeadlineSeconds = 60;

    [Fact]
    public async Task Mention_bot_answers_an_at_mention_on_a_pull_request_a_merge_request_and_an_issue()
    {
        await using var world = await LocalDefaultWorld.StartAsync();
        Assert.True(world.Stack.BotProblem is null, $"the mention bot did not start: {world.Stack.BotProblem}");
        var github = await world.ConnectAsync("github", "octocat");
        var gitlab = await world.ConnectAsync("gitlab", "demo");
        Assert.True(await EventuallyAsync(() => world.HookReadyAsync(github), 120), "GitHub hooks were never registered");
        Assert.True(await EventuallyAsync(() => world.HookReadyAsync(gitlab), 120), "GitLab hooks were never registered");
        var threads = world.Stack.Threads;

        await AnswersAsync(world, "github", "pull", threads.GitHubPull, "octocat");
        await AnswersAsync(world, "gitlab", "pull", threads.GitLabMergeRequest, "demo");
        await AnswersAsync(world, "github", "issue", threads.GitHubIssue, "octocat");

        // By now the first answer has long come back to the bot as an event of its own: it did not answer itself.
        var pull = await world.CommentsAsync("github", "pull", threads.GitHubPull);
        Assert.Single(pull, c => ((string)c["body"]!).Contains("hub-bot here", StringComparison.Ordinal));
    }

    private async Task AnswersAsync(LocalDefaultWorld world, string provider, string on, int number, string person)
    {
        var clock = Stopwatch.StartNew();
        await world.ControlAsync("events/comment", new { provider, repo = DemoThreads.DemoRepository, on, number, body = "@hub-bot hello" });

        Assert.True(await EventuallyAsync(async () => (await world.CommentsAsync(provider, on, number))
            .Any(c => ((string)c["body"]!).Contains("hub-bot here", StringComparison.Ordinal)), DeadlineSeconds),
            $"no answer on {provider} {on} #{number} within {DeadlineSeconds} s");
        clock.Stop();

        var answer = (await world.CommentsAsync(provider, on, number)).Single(c => ((string)c["body"]!).Contains("hub-bot here", StringComparison.Ordinal));
        Assert.Equal($"Hi @{person}! hub-bot here: you said “hello”.", (string)answer["body"]!);
        // A measured figure for the closing note, not an assertion: the machine may be busy.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mention {provider} {on}: comment to answer {clock.Elapsed.TotalMilliseconds:0} ms"));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int seconds)
    {
        for (var until = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < until; await Task.Delay(200))
        {
            if (await condition())
            {
                return true;
            }
        }

        return await condition();
    }
}
