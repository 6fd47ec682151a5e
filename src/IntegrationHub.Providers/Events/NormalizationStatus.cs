namespace IntegrationHub.Providers.Events;

/// <summary>How a delivery fared in normalization.</summary>
public enum NormalizationStatus
{
    /// <summary>One or more events came out.</summary>
    Normalized,
    /// <summary>A well-formed delivery of something the hub does not track (ping, installation, check run, running pipeline...).</summary>
    Ignored,
    /// <summary>The body is not JSON, or lacks what its event needs: a poison delivery to mark failed, not retry.</summary>
    Invalid,
}
