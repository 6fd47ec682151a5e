using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Repositories;

/// <summary>
/// The Repositories page's bulk form as a browser posts it: on an unfiltered list its filter fields are sent empty, and
/// that must watch the ticked rows (it answered 400 when the watched filter was bound as a bool); a filter word that is
/// not one is still refused.
/// </summary>
public sealed class BulkWatchFormTests
{
    [Fact]
    public async Task The_unfiltered_pages_form_with_its_empty_filter_fields_watches_the_ticked_rows()
    {
        await using var w = await HubWorld.StartAsync();
        var browser = await w.SignedUpAsync("form@example.test", "Form Inc");
        var mine = await ManyRepositories.SeedAsync(w, await w.ValueAsync<Guid>("SELECT tenant_id FROM memberships LIMIT 1"), 12);
        var unwatched = mine.Numbers.Where(n => !ManyRepositories.Watched(n)).Take(1).ToList();
        Assert.Single(unwatched);
        var ticked = await mine.IdAsync(unwatched[0]);

        var posted = await PostAsync(browser, mine.Connection, ticked, watchedFilter: "");
        var refused = await PostAsync(browser, mine.Connection, ticked, watchedFilter: "maybe");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Watching%201%20more%20repositories", posted.Headers.Location!.OriginalString);
        Assert.Equal("true", await w.TextAsync("SELECT watched::text FROM repositories WHERE id = $1", ticked));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, Guid connection, Guid repository, string watchedFilter) =>
        Forms.SubmitPairsAsync(browser, "/repositories", [
            new("connectionId", connection.ToString()), new("q", ""), new("hookState", ""), new("pollState", ""),
            new("watchedFilter", watchedFilter), new("watched", "true"), new("repositoryId", repository.ToString())], "/repositories/watch-bulk");
}
