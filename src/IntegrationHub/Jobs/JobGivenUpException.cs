namespace IntegrationHub.Jobs;

/// <summary>
/// Raised as a job starts when it already used every attempt: its earlier performings died with their nodes (the job
/// came back after its invisibility timeout each time). <see cref="JobOutcomeFilter"/> fails it for good with this reason.
/// </summary>
public sealed class JobGivenUpException(string reason) : Exception(reason);
