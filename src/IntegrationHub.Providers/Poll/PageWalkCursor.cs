using System.Globalization;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.Poll;

/// <summary>
/// The cursor of a list read newest first, page by page, down to a time, with a cap on pages a cycle. A finished walk
/// stores the newest time it saw; one cut at the cap stores where it stood (<c>since|resumePage|newestSeen</c>) and the
/// next cycle resumes at that page: new items only push older ones to later pages, so nothing unread is skipped.
/// </summary>
internal sealed record PageWalkCursor(DateTimeOffset Since, int ResumePage, DateTimeOffset Newest)
{
    /// <summary>The page to start at: 1, or the one an unfinished walk stopped before.</summary>
    public int StartPage => Math.Max(1, ResumePage);

    /// <summary>Whether an unfinished walk is being resumed (a 304 on page 1 then says nothing of the pages still owed).</summary>
    public bool Resuming => ResumePage > 0;

    public static PageWalkCursor Parse(string? cursor, DateTimeOffset watchedSince)
    {
        string[] parts = (cursor ?? string.Empty).Split('|');
        DateTimeOffset since = ParseTime(parts[0]) ?? watchedSince;
        return parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int resume) && ParseTime(parts[2]) is { } top
            ? new PageWalkCursor(since, resume, top)
            : new PageWalkCursor(since, 0, since);
    }

    /// <summary>Walk done: the next cycle reads down to the newest time seen.</summary>
    public static string Finished(DateTimeOffset newest) => Time(newest);

    /// <summary>Walk cut at the cap: keep the time, resume at <paramref name="nextPage"/>, remember the newest seen.</summary>
    public string Unfinished(int nextPage, DateTimeOffset newest) =>
        string.Join('|', Time(Since), nextPage.ToString(CultureInfo.InvariantCulture), Time(newest));
}
