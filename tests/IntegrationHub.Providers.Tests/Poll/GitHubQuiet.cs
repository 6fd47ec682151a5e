using System.Net;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>A GitHub repository where nothing changed: every stream answers 304 to the ETag its stored cursor holds.</summary>
internal static class GitHubQuiet
{
    public const string Root = "https://ghe.example.com/api/v3/repos/acme/svc";

    private static readonly string[] Paths =
        ["/events", "/pulls", "/issues", "/issues/comments", "/pulls/comments", "/comments", "/actions/runs", "/branches", "/tags"];

    /// <summary>Every stream's path but those in <paramref name="except"/> answers 304.</summary>
    public static CannedHttp Http(params string[] except)
    {
        var http = new CannedHttp();
        foreach (string path in Paths.Except(except))
        {
            http.On(HttpMethod.Get, Root + path, HttpStatusCode.NotModified);
        }

        return http;
    }

    /// <summary>Cursors with ETags for every stream; the branch list holds main at <paramref name="main"/>.</summary>
    public static Dictionary<string, PollStreamCursor> Cursors(string main) => new()
    {
        [PollStreams.Feed] = new("41", "W/\"feed\""),
        [PollStreams.Pulls] = new("2025-06-01T11:00:00.000Z", "W/\"pulls\""),
        [PollStreams.PullHeads] = new("{}", null),
        [PollStreams.Issues] = new("2025-06-01T11:00:00.000Z", "W/\"issues\""),
        [PollStreams.Comments] = new("2025-06-01T11:00:00.000Z", "W/\"comments\""),
        [PollStreams.ReviewComments] = new("2025-06-01T11:00:00.000Z", "W/\"review\""),
        [PollStreams.CommitComments] = new("3|1", "W/\"commit-comments\""),
        [PollStreams.Runs] = new("2025-06-01T11:00:00.000Z", "W/\"runs\""),
        [PollStreams.Branches] = new($"{{\"main\":\"{main}\"}}", "W/\"branches\""),
        [PollStreams.Tags] = new("{}", "W/\"tags\""),
    };
}
