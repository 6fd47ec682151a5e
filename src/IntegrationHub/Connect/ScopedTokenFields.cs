using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Connect;

/// <summary>The GitHub and GitLab token form's fields, named as the static page's EditForm posted them.</summary>
internal readonly record struct ScopedTokenFields(
    [FromForm(Name = "Input.BaseUrl")] string? BaseUrl,
    [FromForm(Name = "Input.Token")] string? Token,
    [FromForm(Name = "Input.CaBundle")] string? CaBundle,
    [FromForm(Name = "Input.Watch")] string? Watch);
