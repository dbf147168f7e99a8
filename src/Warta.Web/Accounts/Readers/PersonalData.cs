namespace Warta.Web.Accounts.Readers;

/// <summary>
/// A feature's share of what Warta holds about a reader: shown and downloaded from the account page, and erased when
/// the reader closes the account. Extension point: a feature that stores anything per reader registers one with
/// <c>AddScoped&lt;IPersonalData, ...&gt;</c>.
/// </summary>
public interface IPersonalData
{
    /// <summary>The heading of this share in the export (e.g. "langganan", "akademi"); unique among the registrations.</summary>
    string Section { get; }

    /// <summary>Everything this feature holds about the reader, as plain data that serialises to JSON.</summary>
    Task<object?> ExportAsync(Guid readerId, CancellationToken ct);

    /// <summary>
    /// Called before the account is deleted: remove what is personal, and keep only what the law requires (invoices),
    /// without the reader's name or address. Runs inside the closing's transaction on the request's WartaDb: join it,
    /// never open another.
    /// </summary>
    Task EraseAsync(Guid readerId, CancellationToken ct);
}
