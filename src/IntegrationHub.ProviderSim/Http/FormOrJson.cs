using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Http;

/// <summary>
/// Request parameters from a JSON body, a form body or the query string, as GitLab's Grape API takes them
/// (its examples pass <c>state=success</c> in the query). https://docs.gitlab.com/api/rest/#request-payload
/// </summary>
internal sealed class FormOrJson(JsonObject json, IFormCollection? form, IQueryCollection query)
{
    public static async Task<FormOrJson> Read(HttpRequest request, CancellationToken ct) => request.HasFormContentType
        ? new FormOrJson([], await request.ReadFormAsync(ct), request.Query)
        : new FormOrJson(await Json.ReadObject(request, ct), null, request.Query);

    public string? this[string name]
    {
        get
        {
            var value = form is not null ? form[name].ToString() : Json.Str(json, name);
            if (string.IsNullOrEmpty(value)) value = query[name].ToString();
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }
}
