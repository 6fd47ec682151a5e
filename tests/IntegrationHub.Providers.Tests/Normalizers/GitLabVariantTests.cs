using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>GitLab payloads whose project, path, user or times are not where current hooks put them (Variants/SOURCES.md).</summary>
public sealed class GitLabVariantTests
{
    private const ProviderKind GitLab = ProviderKind.GitLab;

    [Fact]
    public void Issue_hook_with_only_object_attributes_project_id_is_read()
    {
        // A real 2015 delivery: no project, no repository; the path only in the issue's url, the times as "… UTC".
        NormalizedEvent e = Variants.Single(Variants.File(GitLab, "gitlab/issue_hook.project-id-only.niclabs-2015.json"));

        Assert.Equal(EventKind.IssueClosed, e.Kind);
        Assert.Equal("83", e.Repository.ExternalId);
        Assert.Equal("flalanne/test-project", e.Repository.FullPath);
        Assert.Equal("http://git.niclabs.cl/flalanne/test-project", e.Repository.HtmlUrl);
        Assert.Equal("flalanne", e.Actor?.Login);
        // No closed_at in that version: the close is stamped updated_at, printed "2015-08-29 22:30:31 UTC".
        Assert.Equal(new DateTimeOffset(2015, 8, 29, 22, 30, 31, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal("83:issue:1:closed:20150829T223031Z", e.NaturalKey);
    }

    [Fact]
    public void Issue_hook_whose_project_has_no_id_is_read_from_object_attributes()
    {
        NormalizedEvent e = Variants.Single(Variants.File(GitLab, "gitlab/issue_hook.project-without-id.gitlab-docs-2016.json"));

        Assert.Equal(EventKind.IssueOpened, e.Kind);
        Assert.Equal("14:issue:23:opened", e.NaturalKey);
        Assert.Equal("gitlabhq/gitlab-test", e.Repository.FullPath);
        Assert.Equal("root", e.Actor?.Login);
    }

    [Fact]
    public void Issue_hook_from_the_test_button_without_action_is_ignored_not_unreadable()
    {
        NormalizationResult result = Variants.File(GitLab, "gitlab/issue_hook.test-button.gitlab-10-2017.json");

        Assert.Equal(NormalizationStatus.Ignored, result.Status);
        Assert.Contains("action '(none)'", result.Reason);
    }

    [Fact]
    public void Note_hook_with_top_level_project_id_and_utc_suffixed_dates_is_read()
    {
        NormalizedEvent e = Variants.Single(Variants.File(GitLab, "gitlab/note_hook.issue.project-without-id.gitlab-docs-2015.json"));

        Assert.Equal(EventKind.CommentCreatedOnIssue, e.Kind);
        Assert.Equal("5:comment:1241", e.NaturalKey);
        Assert.Equal(17, e.Details.Number);
        Assert.Equal(new DateTimeOffset(2015, 5, 17, 17, 6, 40, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public void Derived_merge_request_without_project_id_is_read_from_target_project_id()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitLab, "gitlab/merge_request_hook.json", p => p.Drop("project.id")));

        Assert.Equal("14:pr:1:opened", e.NaturalKey);
        Assert.Equal("14", e.Repository.ExternalId);
    }

    [Fact]
    public void Derived_push_without_project_id_is_read_from_the_top_level_project_id_of_system_hooks()
    {
        NormalizationResult result = Variants.Derived(GitLab, "gitlab/push_hook.json", p => p.Drop("project.id"));

        Assert.Equal(NormalizationStatus.Normalized, result.Status);
        Assert.All(result.Events, e => Assert.Equal("15", e.Repository.ExternalId));
        Assert.All(result.Events, e => Assert.Equal("jsmith", e.Actor?.Login));
    }

    [Fact]
    public void Derived_issue_without_path_with_namespace_takes_the_path_from_the_project_page()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitLab, "gitlab/issue_hook.json", p => p.Drop("project.path_with_namespace")));

        Assert.Equal("gitlabhq/gitlab-test", e.Repository.FullPath);
    }

    [Theory]
    [InlineData("git@example.com:group/sub/project.git", "group/sub/project")]
    [InlineData("http://example.com/group/project/-/merge_requests/4", "group/project")]
    [InlineData("http://example.com/group/project/issues/17#note_1241", "group/project")]
    [InlineData("http://example.com/diaspora/issues/23", null)]
    [InlineData("not a url", null)]
    public void Project_path_is_read_out_of_project_item_and_clone_urls(string url, string? path) =>
        Assert.Equal(path, IntegrationHub.Providers.GitLab.GitLabContext.ProjectPath(url));

    [Fact]
    public void Derived_close_without_closed_at_or_updated_at_takes_the_time_from_changes()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitLab, "gitlab/merge_request_hook.json", p =>
        {
            p.At("object_attributes")["action"] = "close";
            p.Drop("object_attributes.updated_at");
        }));

        Assert.Equal(EventKind.PullRequestClosed, e.Kind);
        Assert.Equal("1:pr:1:closed:20170915T165200Z", e.NaturalKey);
    }

    [Fact]
    public void Issue_with_the_project_id_in_none_of_its_places_fails_naming_every_place()
    {
        NormalizationResult result = Variants.Derived(GitLab, "gitlab/issue_hook.json", p =>
        {
            p.Drop("project.id");
            p.Drop("object_attributes.project_id");
        });

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Equal("missing required field 'project.id' (also looked in 'project_id', 'object_attributes.target_project_id', "
            + "'object_attributes.project_id')", result.Reason);
    }

    [Fact]
    public void Issue_with_no_path_anywhere_fails_naming_every_place()
    {
        NormalizationResult result = Variants.Derived(GitLab, "gitlab/issue_hook.json", p =>
        {
            p.Drop("project");
            p.Drop("repository");
            p.At("object_attributes")["url"] = "http://example.com/diaspora/issues/23";
            p.At("object_attributes")["project_id"] = 14;
        });

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.StartsWith("missing required field 'project.path_with_namespace' (also looked in", result.Reason);
        Assert.Contains("'object_attributes.url'", result.Reason);
    }
}
