using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace IntegrationHub.Secrets;

/// <summary>A key ring held in memory for the re-protect command; what Data Protection stores in it is kept for the caller to write.</summary>
internal sealed class MemoryXmlRepository(IEnumerable<XElement> initial) : IXmlRepository
{
    private readonly Lock _lock = new();
    private readonly List<XElement> _elements = [.. initial];
    private readonly List<(XElement Element, string FriendlyName)> _stored = [];

    public IReadOnlyList<(XElement Element, string FriendlyName)> Stored
    {
        get
        {
            lock (_lock)
            {
                return [.. _stored];
            }
        }
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            return [.. _elements];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            _elements.Add(element);
            _stored.Add((element, friendlyName));
        }
    }
}
