using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// A provider's repository-hook REST resource as data, for <see cref="HookApi{TDto}"/>: where the repository's hooks
/// live, how the collection pages, the body we write and how an answer reads. Quirks beyond this stay in the client.
/// </summary>
/// <typeparam name="TDto">The provider's hook as its JSON reads.</typeparam>
internal sealed record HookResource<TDto>
{
    /// <summary>The repository's hook collection, a path under the API root; one hook is <c>{collection}/{id}</c>.</summary>
    public required Func<RepositoryRef, string> CollectionPath { get; init; }

    /// <summary>Every hook of a collection path, paged the provider's way.</summary>
    public required Func<ApiTransport, string, CancellationToken, Task<List<TDto>>> ListAll { get; init; }

    /// <summary>The body of an update (and of a create, unless <see cref="CreateBody"/> says otherwise).</summary>
    public required Func<HookSpec, JsonObject> Body { get; init; }

    public Func<HookSpec, JsonObject>? CreateBody { get; init; }

    /// <summary>PATCH (GitHub) or PUT (GitLab, Bitbucket).</summary>
    public required HttpMethod UpdateMethod { get; init; }

    public required JsonSerializerOptions Json { get; init; }

    /// <summary>The hook as the hub sees it, given the time it was read (GitLab's temporary disabling ends at a time).</summary>
    public required Func<TDto, DateTimeOffset, ProviderHook> ToHook { get; init; }

    /// <summary>
    /// A path under one hook to POST after the settings are restored, when writing them back does not switch the hook on
    /// (GitLab: a test delivery answered 2xx does); the hook is then read again. Null: the update is enough.
    /// </summary>
    public string? ReEnableTrigger { get; init; }
}
