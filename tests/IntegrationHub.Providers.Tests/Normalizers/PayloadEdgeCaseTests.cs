using System.Text;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>Bodies no fixture covers: broken ones, and what every normalizer must do with them.</summary>
public sealed class PayloadEdgeCaseTests
{
    public static TheoryData<ProviderKind, string?> Normalizers => new()
    {
        { ProviderKind.GitHub, "push" },
        { ProviderKind.GitLab, "Push Hook" },
        { ProviderKind.BitbucketCloud, "repo:push" },
        { ProviderKind.BitbucketDataCenter, "repo:refs_changed" },
        { ProviderKind.AzureDevOps, null },
    };

    [Theory]
    [MemberData(nameof(Normalizers))]
    public void Rejects_a_body_that_is_not_JSON_without_quoting_it(ProviderKind provider, string? eventName)
    {
        NormalizationResult result = Normalize(provider, eventName, "secret-looking-garbage");

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Contains("not valid JSON", result.Reason);
        Assert.DoesNotContain("garbage", result.Reason);
    }

    [Theory]
    [MemberData(nameof(Normalizers))]
    public void Rejects_empty_and_non_object_bodies(ProviderKind provider, string? eventName)
    {
        Assert.Equal(NormalizationStatus.Invalid, Normalize(provider, eventName, "").Status);
        Assert.Equal(NormalizationStatus.Invalid, Normalize(provider, eventName, "[1,2]").Status);
    }

    [Theory]
    [InlineData(ProviderKind.GitHub, "push", """{"ref":"refs/heads/main","after":"abc"}""", "repository.id")]
    [InlineData(ProviderKind.GitLab, null, """{"object_kind":"push","ref":"refs/heads/main","project":{"path_with_namespace":"a/b"}}""", "project_id")]
    [InlineData(ProviderKind.BitbucketCloud, "pullrequest:created", """{"pullrequest":{"id":1},"repository":{"full_name":"a/b"}}""", "repository.uuid")]
    [InlineData(ProviderKind.BitbucketDataCenter, null, """{"eventKey":"pr:opened","pullRequest":{"id":1}}""", "pullRequest.toRef.repository")]
    [InlineData(ProviderKind.AzureDevOps, null, """{"eventType":"git.pullrequest.created","resource":{"pullRequestId":1}}""", "resource.repository")]
    public void Names_the_missing_required_field(ProviderKind provider, string? eventName, string body, string field)
    {
        NormalizationResult result = Normalize(provider, eventName, body);

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Contains($"'{field}'", result.Reason);
    }

    [Theory]
    [InlineData(ProviderKind.GitHub)]
    [InlineData(ProviderKind.BitbucketCloud)]
    public void Rejects_a_delivery_without_the_event_header_the_body_cannot_replace(ProviderKind provider)
    {
        NormalizationResult result = Normalize(provider, null, "{}");

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Contains("header", result.Reason);
    }

    [Fact]
    public void Provider_catalog_hands_out_each_providers_own_parts()
    {
        foreach (ProviderKind kind in Enum.GetValues<ProviderKind>())
        {
            var hooks = ProviderCatalog.For(kind);
            Assert.Equal(kind, hooks.Verifier.Provider);
            Assert.Equal(kind, hooks.DeliveryReader.Provider);
            Assert.Equal(kind, hooks.Normalizer.Provider);
        }
    }

    [Fact]
    public void Excerpt_is_cut_with_an_ellipsis()
    {
        string excerpt = Excerpts.Of(new string('x', 1000))!;

        Assert.Equal(Excerpts.MaxLength, excerpt.Length);
        Assert.EndsWith("…", excerpt);
        Assert.Null(Excerpts.Of("   "));
    }

    [Theory]
    [InlineData("2019-05-15T15:20:33Z", "2019-05-15T15:20:33+00:00")]
    [InlineData("2015-05-17 18:21:36 UTC", "2015-05-17T18:21:36+00:00")]
    [InlineData("2021-04-28 21:50:00 +0200", "2021-04-28T21:50:00+02:00")]
    [InlineData("2019-03-01T10:08:35+0100", "2019-03-01T10:08:35+01:00")]
    [InlineData("2014-06-30T18:59:12.3660573Z", "2014-06-30T18:59:12.3660573+00:00")]
    public void Reads_every_provider_date_format(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ProviderDates.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Unreadable_dates_read_as_null(string text) => Assert.Null(ProviderDates.Parse(text));

    internal static NormalizationResult Normalize(ProviderKind provider, string? eventName, string body) =>
        ProviderCatalog.For(provider).Normalizer.Normalize(eventName, Encoding.UTF8.GetBytes(body), FixtureAssert.ReceivedAt);
}
