using IntegrationHub.Jobs;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// The connection has created as many hooks as the provider's content-creation limit allows for now (see
/// <see cref="ProviderAccess.HookCreationPace"/>): the batch waits until a slot frees, without calling, failing or
/// counting an attempt, and the repositories after this one wait with it.
/// </summary>
public sealed class HookCreationPacedException(DateTimeOffset until)
    : JobPostponedException(until, $"hook creation paced under the provider's content-creation limit until {until:u}");
