using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

internal static class FixtureAssert
{
    /// <summary>A fixed receive time, far from every fixture's own dates, so falling back to it shows.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static NormalizationResult Normalize(IEventNormalizer normalizer, string folder, FixtureCase c) =>
        normalizer.Normalize(c.Event, Fixtures.Bytes(Path.Combine(folder, c.File)), ReceivedAt);

    public static void Matches(IEventNormalizer normalizer, string folder, FixtureCase c)
    {
        NormalizationResult result = Normalize(normalizer, folder, c);

        if (c.IgnoredBecause is not null)
        {
            Assert.Equal(NormalizationStatus.Ignored, result.Status);
            Assert.Empty(result.Events);
            Assert.Contains(c.IgnoredBecause, result.Reason);
            return;
        }

        Assert.True(result.Status == NormalizationStatus.Normalized, $"{c.File}: {result.Status} {result.Reason}");
        Assert.Equal(c.Events.Select(e => e.Kind), result.Events.Select(e => e.Kind));
        Assert.Equal(c.Events.Select(e => e.Key), result.Events.Select(e => e.NaturalKey));
        Assert.All(result.Events, e =>
        {
            Assert.Equal(normalizer.Provider, e.Provider);
            Assert.Equal(EventSource.Webhook, e.Source);
            Assert.Equal(c.RepoId, e.Repository.ExternalId);
            Assert.Equal(c.RepoPath, e.Repository.FullPath);
            Assert.Equal(c.Actor, e.Actor?.Login);
            Assert.StartsWith(c.RepoId + ":", e.NaturalKey, StringComparison.Ordinal);
            Assert.NotEqual(default, e.OccurredAt);
        });
    }

    /// <summary>Every webhook fixture of the folder has a case, and every case a fixture: a new fixture fails until described.</summary>
    public static void CoversEveryFixture(IEnumerable<FixtureCase> cases, IEnumerable<string> files) =>
        Assert.Equal(files.Order(StringComparer.Ordinal), cases.Select(c => c.File).Order(StringComparer.Ordinal));

    public static TheoryData<string> Names(IEnumerable<FixtureCase> cases) => [.. cases.Select(c => c.File)];
}
