using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Tests.Api;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Catalog;

/// <summary>The one registry: every kind has exactly one provider object, whose parts all speak for that kind.</summary>
public sealed class ProviderCatalogTests
{
    public static TheoryData<ProviderKind> Kinds => [.. Enum.GetValues<ProviderKind>()];

    [Fact]
    public void Holds_exactly_one_provider_per_kind()
    {
        Assert.Equal(Enum.GetValues<ProviderKind>().Order(), ProviderCatalog.All.Select(p => p.Kind).Order());
        Assert.Equal(ProviderCatalog.All.Count, ProviderCatalog.All.Select(p => p.Slug).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_resolves_to_a_provider_whose_parts_are_its_own(ProviderKind kind)
    {
        var provider = ProviderCatalog.For(kind);

        Assert.Equal(kind, provider.Kind);
        Assert.Equal(kind, provider.Descriptor.Kind);
        Assert.Equal(kind, provider.Verifier.Provider);
        Assert.Equal(kind, provider.DeliveryReader.Provider);
        Assert.Equal(kind, provider.Normalizer.Provider);
        Assert.Same(provider, ProviderCatalog.For(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Slugs_round_trip(ProviderKind kind)
    {
        string slug = kind.ToSlug();

        Assert.True(ProviderCatalog.TryFind(slug, out var found));
        Assert.Same(ProviderCatalog.For(kind), found);
        Assert.True(ProviderSlugs.TryParse(slug, out ProviderKind parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(slug, ProviderCatalog.For(kind).Descriptor.Slug);
    }

    [Theory]
    [InlineData("github", ProviderKind.GitHub)]
    [InlineData("gitlab", ProviderKind.GitLab)]
    [InlineData("bitbucket-cloud", ProviderKind.BitbucketCloud)]
    [InlineData("bitbucket-dc", ProviderKind.BitbucketDataCenter)]
    [InlineData("azure-devops", ProviderKind.AzureDevOps)]
    public void Slugs_are_the_ones_urls_and_stored_rows_use(string slug, ProviderKind kind) =>
        Assert.Equal(slug, kind.ToSlug());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("GitHub")]
    [InlineData("bitbucket")]
    [InlineData("github ")]
    public void Unknown_slugs_find_nothing(string? slug)
    {
        Assert.False(ProviderCatalog.TryFind(slug, out var found));
        Assert.Null(found);
        Assert.False(ProviderSlugs.TryParse(slug, out _));
    }

    [Fact]
    public void An_unknown_kind_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProviderCatalog.For((ProviderKind)99));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Creates_api_clients_and_poll_readers_for_its_own_descriptor(ProviderKind kind)
    {
        var provider = ProviderCatalog.For(kind);
        var connection = new ProviderConnectionInfo(new Uri("https://scm.example.com/org"), "t0ken");
        using var http = new CannedHttp().Client();

        Assert.Same(provider.Descriptor, provider.CreateApi(http, connection, new TestClock()).Descriptor);
        Assert.NotNull(provider.CreatePollReader(http, connection, new TestClock()));
        Assert.Throws<ArgumentNullException>(() => provider.CreateApi(null!, connection, new TestClock()));
        Assert.Throws<ArgumentNullException>(() => provider.CreatePollReader(http, null!, new TestClock()));
    }
}
