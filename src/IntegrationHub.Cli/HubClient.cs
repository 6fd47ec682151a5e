using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Cli;

/// <summary>The hub's REST API with a Bearer key. Never prints or logs the key.</summary>
internal sealed class HubClient(HttpClient http, HubTarget target)
{
    public Uri Url => target.Url;

    public Task<HubAnswer> GetAsync(string relative, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(target.Url, relative)), ct);

    public Task<HubAnswer> PostAsync(string relative, object body, string? idempotencyKey, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Url, relative)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request, ct);
    }

    private async Task<HubAnswer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.ApiKey);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                using var response = await http.SendAsync(request, ct);
                string text = await response.Content.ReadAsStringAsync(ct);
                JsonElement json = default;
                try
                {
                    json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not JSON (a proxy's error page): the status says enough.
                }

                string detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
                    ? d.GetString()!
                    : response.ReasonPhrase ?? "";
                return new HubAnswer((int)response.StatusCode, json, response.Headers.RetryAfter?.Delta, detail);
            }
            catch (HttpRequestException ex)
            {
                return new HubAnswer(0, default, null, ex.Message);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return new HubAnswer(0, default, null, "no answer in time");
            }
        }
    }
}
