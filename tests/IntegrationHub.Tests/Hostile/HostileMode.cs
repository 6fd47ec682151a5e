namespace IntegrationHub.Tests.Hostile;

/// <summary>How <see cref="HostileProvider"/> answers every request.</summary>
public enum HostileMode
{
    /// <summary>200 with a JSON-looking body of spaces without Content-Length, up to a gibibyte.</summary>
    Oversize,

    /// <summary>Accepts the request and never answers.</summary>
    Stall,

    /// <summary>Sends the headers, then one byte of body now and then, never finishing.</summary>
    Trickle,

    /// <summary>
    /// Lists GitHub repositories never listed before, 100 a page, each page with a next-page link: every run of
    /// discovery sees different repositories, and the list never ends.
    /// </summary>
    Shifting,
}
