namespace IntegrationHub.Discover;

internal enum WorkResultKind
{
    Done,
    Postpone,
    Retry,
    Fail,
}
