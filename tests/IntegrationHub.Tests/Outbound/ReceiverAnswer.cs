namespace IntegrationHub.Tests.Outbound;

internal enum ReceiverAnswer
{
    Ok,
    Fail,
    Hang,
    TooMany,

    /// <summary>Headers of a 200 and part of a declared body, then the connection closes.</summary>
    OkThenBreak,

    /// <summary>Headers of a 500 and part of a declared body, then the connection closes.</summary>
    FailThenBreak,

    /// <summary>Headers of a 200 and part of a declared body, then nothing until the client gives up.</summary>
    OkThenStall,
}
