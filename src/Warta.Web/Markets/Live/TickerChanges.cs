using Warta.Web.Shared;

namespace Warta.Web.Markets.Live;

/// <summary>
/// Tells this node and, through <see cref="ChangeNotices"/>, every other node that the ticker changed. Kept apart from
/// the content's notices: quotes arrive often, and one notice both drops the ticker and wakes the live readers, in that order.
/// </summary>
public sealed class TickerChanges
{
    const string Topic = "ticker";
    readonly ChangeNotices _notices;

    public TickerChanges(ChangeNotices notices)
    {
        _notices = notices;
        notices.Listen(Topic, _ =>
        {
            ArrivedFromOtherNode?.Invoke();
            Changed?.Invoke();
        });
    }

    /// <summary>Raised when another node announced a change, before <see cref="Changed"/>: drop what this node keeps in memory.</summary>
    public event Action? ArrivedFromOtherNode;

    /// <summary>Raised for every change, from this node or another.</summary>
    public event Action? Changed;

    public void Announce()
    {
        Changed?.Invoke();
        _notices.Announce(Topic);
    }
}
