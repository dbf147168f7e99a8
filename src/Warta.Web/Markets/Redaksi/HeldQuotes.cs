using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets.Redaksi;

/// <summary>An admin's decision on a held jump: a confirmed quote goes in through the one ingest path, a rejected one stays out.</summary>
public sealed class HeldQuoteDecisions(WartaDb db, QuoteIngest ingest, TimeProvider clock)
{
    public enum Outcome { Done, NotFound, AlreadyDecided, Refused }

    public async Task<(Outcome Outcome, string? Message)> DecideAsync(long id, bool confirm, string decidedBy, CancellationToken ct)
    {
        var held = await db.HeldQuotes.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (held is null) return (Outcome.NotFound, null);
        if (held.Status != HeldStatus.Held) return (Outcome.AlreadyDecided, null);
        var symbol = await db.Instruments.Where(i => i.Id == held.InstrumentId).Select(i => i.Symbol).SingleAsync(ct);
        held.DecidedBy = decidedBy;
        held.DecidedAt = clock.GetUtcNow();
        if (!confirm)
        {
            held.Status = HeldStatus.Rejected;
            await db.SaveChangesAsync(ct);
            return (Outcome.Done, null);
        }
        held.Status = HeldStatus.Confirmed;
        // The decision is saved in the same transaction as the quote it lets in.
        var report = await ingest.IngestAsync(
            [new QuoteInput { Symbol = symbol, Value = held.Value, At = held.At, PreviousClose = held.PreviousClose }],
            holdJumps: false, CancellationToken.None, alsoInTransaction: c => db.SaveChangesAsync(c));
        return report.Succeeded ? (Outcome.Done, null) : (Outcome.Refused, string.Join(" ", report.Errors.Select(e => e.Message)));
    }
}
