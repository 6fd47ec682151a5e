using IntegrationHub.Providers.GitHub;

namespace IntegrationHub.Providers.Tests.GitHubApp;

/// <summary>The real installation payloads in ../shared/fixtures read as the hub applies them: times as epoch seconds or ISO-8601 text.</summary>
public sealed class GitHubInstallationEventTests
{
    [Fact]
    public void A_suspend_gives_its_times_as_ISO_text_with_an_offset()
    {
        var e = GitHubInstallationEvent.Parse(Fixtures.Bytes("github/installation.suspend.json"))!;

        Assert.Equal(("suspend", 16598467L), (e.Action, e.InstallationId));
        Assert.Equal(DateTimeOffset.Parse("2021-04-29T02:32:50Z", System.Globalization.CultureInfo.InvariantCulture), e.UpdatedAt);
        Assert.Equal(e.UpdatedAt, e.SuspendedAt);
        Assert.Equal(TimeSpan.Zero, e.UpdatedAt!.Value.Offset); // stored as instants: PostgreSQL takes UTC only
        Assert.Empty(e.Added);
        Assert.Empty(e.Removed);
    }

    [Fact]
    public void A_deleted_installation_gives_its_update_time_as_epoch_seconds_and_no_suspension()
    {
        var e = GitHubInstallationEvent.Parse(Fixtures.Bytes("github/installation.deleted.json"))!;

        Assert.Equal(("deleted", 2L), (e.Action, e.InstallationId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1525109899), e.UpdatedAt);
        Assert.Null(e.SuspendedAt);
    }

    [Fact]
    public void Repositories_added_and_removed_are_read_with_their_GitHub_ids()
    {
        var added = GitHubInstallationEvent.Parse(Fixtures.Bytes("github/installation_repositories.added.json"))!;
        var removed = GitHubInstallationEvent.Parse(Fixtures.Bytes("github/installation_repositories.removed.json"))!;

        Assert.Equal(("added", 957387L), (added.Action, added.InstallationId));
        Assert.Equal(new GitHubInstallationRepository("186853007", "Codertocat/Space", false), Assert.Single(added.Added));
        Assert.Empty(added.Removed);
        Assert.Equal(("removed", 2L), (removed.Action, removed.InstallationId));
        Assert.Contains(new GitHubInstallationRepository("1296269", "octocat/Hello-World", false), removed.Removed);
        Assert.Empty(removed.Added);
    }

    [Fact]
    public void A_body_naming_no_installation_reads_as_none()
    {
        Assert.Null(GitHubInstallationEvent.Parse("""{"action":"created","installation":{}}"""u8.ToArray()));
    }
}
