using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// The GitLab read responses the hub's poll and connect flows use, against the matching objects in ../shared/fixtures/gitlab.
/// No fixture holds a REST merge request or <c>GET /user</c>; the webhook's <c>object_attributes</c> and the events API's
/// <c>author</c> are the same objects for every field they share, so those fields are compared there.
/// </summary>
public sealed class GitLabReadShapeTests() : ReadShapeTestBase(GitLabShapeTests.World, "gitlab", "values")
{
    private const string Api = "/gitlab/api/v4/projects/group1%2Frepo1";

    /// <summary>Events API items carrying an <c>author</c> (gitlab4j, NARKOZ): GitLab's user-basic object.</summary>
    private static readonly string[] EventLists = ["gitlab/api/events.list.response.gitlab4j.json", "gitlab/api/project-events.list.response.narkoz.json"];

    /// <summary>
    /// REST-only merge request fields (the hook object names them <c>url</c>, <c>last_commit.id</c>, <c>author_id</c>):
    /// https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests. <c>author</c> is compared on its own below.
    /// </summary>
    private static readonly string[] RestMergeRequest = ["web_url", "sha", "author", "merged_at", "closed_at", "merged_by", "closed_by", "merge_commit_sha",
        "squash_commit_sha", "references", "draft", "user_notes_count", "has_conflicts", "detailed_merge_status", "reviewers", "assignee", "assignees", "labels",
        "upvotes", "downvotes", "milestone", "source_project_id", "target_project_id", "project_id", "squash", "discussion_locked", "should_remove_source_branch",
        "force_remove_source_branch", "time_stats", "task_completion_status", "merge_when_pipeline_succeeds", "prepared_at", "merge_user"];

    /// <summary>REST-only note fields: https://docs.gitlab.com/api/notes/#list-all-merge-request-notes.</summary>
    private static readonly string[] RestNote = ["noteable_id", "noteable_iid", "attachment", "resolvable", "confidential", "internal", "imported", "imported_from", "commands_changes", "project_id", "type"];

    [Fact]
    public async Task Merge_requests_match_the_hook_object_attributes()
    {
        var list = (await Get(Api + "/merge_requests?state=all&order_by=updated_at&sort=asc&updated_after=2000-01-01T00:00:00Z")).AsArray();
        Assert.NotEmpty(list);
        foreach (var mr in list)
        {
            Sh.Matches(mr, ["gitlab/merge_request_hook.json", "gitlab/merge_request_hook.service.json"],
                ["id", "iid", "title", "description", "state", "created_at", "updated_at", "source_branch", "target_branch"], RestMergeRequest, fixtureRoot: "object_attributes");
            Sh.Matches(mr!["author"], EventLists, ["id", "username", "name"], fixtureRoot: "[0].author");
            Assert.Equal(System.Text.Json.JsonValueKind.String, mr["web_url"]!.GetValueKind());
            Assert.Equal(System.Text.Json.JsonValueKind.String, mr["sha"]!.GetValueKind());
        }

        var merged = list.Single(m => (string?)m!["state"] == "merged")!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, merged["merged_at"]!.GetValueKind());
    }

    [Fact]
    public async Task Notes_match_the_events_api_note()
    {
        var notes = (await Get(Api + "/merge_requests/1/notes")).AsArray();
        Assert.NotEmpty(notes);
        foreach (var note in notes)
        {
            Sh.Matches(note, ["gitlab/api/project-events.list.response.gitlab4j.json"],
                ["id", "body", "author.id", "author.username", "author.name", "created_at", "updated_at", "system", "noteable_type"], RestNote, fixtureRoot: "[0].note");
        }
    }

    /// <summary>
    /// <c>GET /user</c> extends the user-basic object with profile fields no fixture carries:
    /// https://docs.gitlab.com/api/users/#get-the-current-user
    /// </summary>
    [Fact]
    public async Task Current_user_matches_the_user_basic_object()
    {
        JsonNode user = await Get("/gitlab/api/v4/user");
        Sh.Matches(user, EventLists, ["id", "username", "name", "state", "web_url"],
            ["email", "public_email", "created_at", "bot", "bio", "location", "last_sign_in_at", "confirmed_at", "last_activity_on", "is_admin", "two_factor_enabled",
             "external", "private_profile", "can_create_group", "can_create_project", "projects_limit", "identities", "theme_id", "color_scheme_id", "locked",
             "commit_email", "current_sign_in_at", "linkedin", "twitter", "discord", "website_url", "organization", "job_title", "pronouns", "skype", "work_information",
             "followers", "following", "is_followed", "local_time", "avatar_path", "namespace_id", "created_by"],
            fixtureRoot: "[0].author");
    }
}
