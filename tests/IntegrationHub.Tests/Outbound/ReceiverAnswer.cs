namespace IntegrationHub.Tests.Outbound;

internal enum ReceiverAnswer
{
    Ok,
    Fail,
    Hang,
    TooMany,
}
