namespace IntegrationHub.Dashboard;

/// <summary>
/// A component a feature shows at the top of the overview page (a disabled outbound webhook, say). Features register
/// theirs and the overview renders every one, so the page that owns the overview names no other feature.
/// </summary>
public sealed record HomeNotice(Type Component);
