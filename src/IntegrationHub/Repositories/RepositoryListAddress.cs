using System.Globalization;

namespace IntegrationHub.Repositories;

/// <summary>
/// What the Repositories page shows, as its address says it (<c>/repositories?connection=…&amp;q=…&amp;hook=…&amp;poll=…
/// &amp;watched=…&amp;sort=…&amp;desc=true&amp;page=…&amp;size=…</c>), so a filtered, sorted page can be linked to and
/// reloaded. Unknown words in the address are dropped, not an error: the list shows everything instead.
/// </summary>
public sealed record RepositoryListAddress(Guid? ConnectionId, RepositoryFilter Filter, RepositorySort Sort, bool Descending, int Page, int Size)
{
    /// <summary>Rows a page when the address names none; the grid's pager offers <see cref="Sizes"/>.</summary>
    public const int DefaultSize = 50;

    public static readonly int[] Sizes = [10, 25, 50, 100];

    public static RepositoryListAddress Parse(Guid? connection, string? q, string? hook, string? poll, string? watched, string? sort, bool? desc,
        int? page, int? size)
    {
        var filter = new RepositoryFilter(string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            RepositoryHookStates.IsKnown(hook) ? hook : null,
            RepositoryPollStates.IsKnown(poll) ? poll : null,
            watched switch { "true" => true, "false" => false, _ => null });
        if (filter.Name is { Length: > 200 })
        {
            filter = filter with { Name = filter.Name[..200] };
        }

        var sorted = Enum.TryParse<RepositorySort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : RepositorySort.Name;
        return new RepositoryListAddress(connection, filter, sorted, desc == true, Math.Max(1, page ?? 1),
            size is { } n && Sizes.Contains(n) ? n : DefaultSize);
    }

    /// <summary>The page of <paramref name="connectionId"/>'s repositories this address asks for.</summary>
    public RepositoryListRequest Request(Guid connectionId) => new(connectionId, Filter, Sort, Descending, (Page - 1) * Size, Size);

    /// <summary>The address, with only what differs from the defaults.</summary>
    public string ToUrl()
    {
        var parts = new List<string>();
        if (ConnectionId is { } c)
        {
            parts.Add($"connection={c:D}");
        }

        if (Filter.Name is { } name)
        {
            parts.Add("q=" + Uri.EscapeDataString(name));
        }

        if (Filter.HookState is { } hook)
        {
            parts.Add("hook=" + hook);
        }

        if (Filter.PollState is { } poll)
        {
            parts.Add("poll=" + poll);
        }

        if (Filter.Watched is { } watched)
        {
            parts.Add(watched ? "watched=true" : "watched=false");
        }

        if (Sort != RepositorySort.Name)
        {
            parts.Add("sort=" + Sort);
        }

        if (Descending)
        {
            parts.Add("desc=true");
        }

        if (Page > 1)
        {
            parts.Add("page=" + Page.ToString(CultureInfo.InvariantCulture));
        }

        if (Size != DefaultSize)
        {
            parts.Add("size=" + Size.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "/repositories" : "/repositories?" + string.Join('&', parts);
    }
}
