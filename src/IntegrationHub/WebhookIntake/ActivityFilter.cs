namespace IntegrationHub.WebhookIntake;

/// <summary>What the Activity page is showing: its query string, so a filtered page can be linked to.</summary>
internal sealed record ActivityFilter(Guid? Repository, string? Kind, string? Source, int Page)
{
    public const int PageSize = 50;

    public bool Filtered => Repository is not null || !string.IsNullOrEmpty(Kind) || !string.IsNullOrEmpty(Source);

    public string Link(int page)
    {
        var query = new List<string>();
        if (Repository is { } r) query.Add($"repository={r}");
        if (!string.IsNullOrEmpty(Kind)) query.Add($"kind={Uri.EscapeDataString(Kind)}");
        if (!string.IsNullOrEmpty(Source)) query.Add($"source={Uri.EscapeDataString(Source)}");
        if (page > 1) query.Add($"page={page}");
        return query.Count == 0 ? "/activity" : "/activity?" + string.Join("&", query);
    }
}
