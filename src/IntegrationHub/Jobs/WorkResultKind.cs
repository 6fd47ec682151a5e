namespace IntegrationHub.Jobs;

internal enum WorkResultKind
{
    Done,
    Postpone,
    Retry,
    Fail,
}
