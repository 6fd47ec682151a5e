using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps <c>git.push</c>: <c>resource.refUpdates</c> lists each ref with <c>oldObjectId</c>/<c>newObjectId</c>,
/// forty zeros on the missing side. <c>resource.date</c> is the push time.
/// https://learn.microsoft.com/azure/devops/service-hooks/events#code-pushed
/// </summary>
internal static class AzureDevOpsPushNormalizer
{
    public static NormalizationResult Push(JsonElement resource, DateTimeOffset notifiedAt)
    {
        EventContext context = AzureDevOpsContext.Of(resource, "resource", resource.Get("pushedBy"), resource.Date("date") ?? notifiedAt);
        string? web = context.Repository.HtmlUrl;
        var events = new List<NormalizedEvent>();
        foreach (JsonElement update in resource.Array("refUpdates"))
        {
            string? after = update.Text("newObjectId");
            string? htmlUrl = web is null || RefChangeEvents.IsZero(after) ? web : $"{web}/commit/{after}";
            events.AddRange(RefChangeEvents.From(context, update.RequireStr("name"), update.Text("oldObjectId"), after, htmlUrl));
        }

        return events.Count == 0
            ? NormalizationResult.Ignore("the push updated no branch or tag")
            : NormalizationResult.Of(events);
    }
}
