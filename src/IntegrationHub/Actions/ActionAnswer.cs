using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Actions;

/// <summary>
/// An action's answer as it goes on the wire: status and JSON text. Kept as text so that a replay under the same
/// Idempotency-Key is byte for byte the first answer. <see cref="Keep"/> says whether it is stored under the key
/// (see <see cref="ProviderFailures"/> for which are); <see cref="Audit"/> is written when the provider acted.
/// </summary>
internal sealed record ActionAnswer(int Status, string Json, bool Keep, int? RetryAfterSeconds = null, ActionAudit? Audit = null)
{
    private static readonly JsonSerializerOptions Body = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Problems = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ContentType => Status >= 400 ? "application/problem+json" : "application/json";

    public static ActionAnswer Created<T>(T result, ActionAudit audit) =>
        new(StatusCodes.Status201Created, JsonSerializer.Serialize(result, Body), Keep: true, Audit: audit);

    public static ActionAnswer Problem(int status, string detail, bool keep, int? retryAfterSeconds = null) =>
        new(status, JsonSerializer.Serialize(new ProblemBody(ReasonPhrases.GetReasonPhrase(status), status, detail, null), Problems), keep, retryAfterSeconds);

    /// <summary>400 with the fields at fault; never stored (nothing happened, and a corrected request may reuse the key).</summary>
    public static ActionAnswer Invalid(Dictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest,
            JsonSerializer.Serialize(new ProblemBody("One or more validation errors occurred.", 400, "The request is not valid: see errors.", errors), Problems),
            Keep: false);

    public static ActionAnswer Invalid(string field, string message) => Invalid(new() { [field] = [message] });

    private sealed record ProblemBody(string Title, int Status, string Detail, Dictionary<string, string[]>? Errors);
}
