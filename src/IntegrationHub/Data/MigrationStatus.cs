namespace IntegrationHub.Data;

/// <summary>What the database holds compared with the migrations this build carries.</summary>
public sealed record MigrationStatus(int AppliedCount, int PendingCount, IReadOnlyList<string> ChangedFiles, int? LatestVersion)
{
    public bool IsCurrent => PendingCount == 0 && ChangedFiles.Count == 0;

    public string Describe() => ChangedFiles.Count > 0
        ? $"applied migration(s) changed since they ran: {string.Join(", ", ChangedFiles)}"
        : PendingCount > 0 ? $"{PendingCount} migration(s) not applied yet" : $"schema at version {LatestVersion}";
}
