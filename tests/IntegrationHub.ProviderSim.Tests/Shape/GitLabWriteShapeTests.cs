using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// What GitLab's writes answer, against the same objects in ../shared/fixtures/gitlab. The note hook fixtures carry the
/// note only as <c>object_attributes</c> (a different shape), so a created note is compared with the events API's
/// <c>note</c>, the REST note object. No fixture holds a created commit comment or thread.
/// </summary>
public sealed class GitLabWriteShapeTests() : ReadShapeTestBase(GitLabShapeTests.World, "gitlab", "values")
{
    private const string Api = "/gitlab/api/v4/projects/group1%2Frepo1";

    /// <summary>REST-only note fields: https://docs.gitlab.com/api/notes/#create-new-merge-request-note.</summary>
    private static readonly string[] RestNote = ["noteable_id", "noteable_iid", "attachment", "resolvable", "confidential", "internal", "imported", "imported_from",
        "commands_changes", "project_id", "type"];

    [Fact]
    public async Task Created_notes_match_the_events_api_note()
    {
        foreach (string on in new[] { "merge_requests", "issues" })
        {
            var note = await Post($"{Api}/{on}/1/notes", new { body = "From the hub" });
            Sh.Matches(note, ["gitlab/api/project-events.list.response.gitlab4j.json"],
                ["id", "body", "author.id", "author.username", "author.name", "created_at", "updated_at", "system", "noteable_type"], RestNote, fixtureRoot: "[0].note");
        }
    }

    [Fact]
    public async Task Created_status_matches_the_commit_statuses_list_item()
    {
        var sha = (string)(await Get(Api + "/repository/branches"))[0]!["commit"]!["id"]!;
        var status = await Post($"{Api}/statuses/{sha}", new { state = "success", name = "ci/hub", description = "All good", target_url = "https://ci.example/1" });
        Sh.Matches(status, ["gitlab/api/commit-statuses.list.response.drone-go-scm.json"], ["id", "sha", "status", "name", "description", "target_url"], fixtureRoot: "[0]");
    }
}
