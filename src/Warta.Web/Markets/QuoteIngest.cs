using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>A row the ingest refused: its index in the batch (0-based), the field at fault and why.</summary>
public sealed record QuoteRowError(int Row, string Field, string Message);

/// <summary>A quote held back because it jumped beyond its instrument's bound; an admin confirms or rejects it.</summary>
public sealed record HeldJump(int Row, string Symbol, decimal Value, DateTimeOffset At, decimal Reference, decimal Percent);

/// <summary>
/// What became of a batch. All-or-nothing: when <see cref="Errors"/> is not empty nothing was stored and
/// <see cref="Accepted"/> is 0. Held jumps are not errors: the rest of the batch is stored and they wait for an admin.
/// </summary>
public sealed record QuoteIngestReport(int Accepted, IReadOnlyList<HeldJump> Held, IReadOnlyList<QuoteRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static QuoteIngestReport Refused(IReadOnlyList<QuoteRowError> errors) => new(0, [], errors);
}

/// <summary>
/// The one way quotes enter Warta (API in JSON or CSV, the CLI import, polled feeds). A batch is all-or-nothing: any bad
/// row rejects the whole batch with every bad row named, and nothing is saved. A quote for a (symbol, time) already
/// stored replaces it, so a batch can be sent again safely.
/// </summary>
public sealed class QuoteIngest(WartaDb db, TimeProvider clock, TickerService ticker)
{
    public const int MaxBatch = 10_000;

    /// <summary>The HTTP answer for a report; <paramref name="rowName"/> names a row in the caller's terms (<c>[2]</c>, <c>line 3</c>).</summary>
    public static IResult ToResult(QuoteIngestReport report, Func<int, string> rowName)
    {
        if (!report.Succeeded)
        {
            var errors = new Errors();
            foreach (var e in report.Errors) errors.Add(e.Row < 0 ? e.Field : e.Field.Length == 0 ? rowName(e.Row) : $"{rowName(e.Row)}.{e.Field}", e.Message);
            return errors.Result();
        }
        return TypedResults.Ok(new
        {
            accepted = report.Accepted,
            held = report.Held.Select(h => new { row = rowName(h.Row), h.Symbol, h.Value, h.At, h.Reference, h.Percent }),
        });
    }

    public async Task<QuoteIngestReport> IngestAsync(IReadOnlyList<QuoteInput> rows, CancellationToken ct)
    {
        var errors = new List<QuoteRowError>();
        if (rows.Count == 0) errors.Add(new(-1, "", "The batch is empty."));
        if (rows.Count > MaxBatch) errors.Add(new(-1, "", $"A batch holds at most {MaxBatch} quotes."));
        if (errors.Count > 0) return QuoteIngestReport.Refused(errors);

        var instruments = await db.Instruments.AsNoTracking().ToDictionaryAsync(i => i.Symbol, ct);
        var now = clock.GetUtcNow();
        var valid = new List<(Instrument Instrument, DateTimeOffset At, decimal Value, decimal? PreviousClose)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var before = errors.Count;
            var symbol = MarketsModule.NormalizeSymbol(row.Symbol);
            Instrument? instrument = null;
            if (symbol is null || !instruments.TryGetValue(symbol, out instrument))
                errors.Add(new(i, "symbol", $"Unknown symbol '{row.Symbol}'."));
            if (row.Value is not { } value) errors.Add(new(i, "value", "Value is required and must be a number."));
            else if (value <= 0) errors.Add(new(i, "value", "Value must be above zero."));
            if (row.PreviousClose is <= 0) errors.Add(new(i, "previousClose", "Previous close must be above zero."));
            if (row.At is not { } when) errors.Add(new(i, "at", "Time is required, in ISO 8601 with an offset."));
            else if (when > now.AddMinutes(5)) errors.Add(new(i, "at", "Time is in the future."));
            else if (when.Year < 1970) errors.Add(new(i, "at", "Time is before 1970."));
            if (instrument is not null && row is { Value: { } v, At: { } t } && errors.Count == before)
                valid.Add((instrument, t.ToUniversalTime(), v, row.PreviousClose));
        }
        if (errors.Count > 0) return QuoteIngestReport.Refused(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = 0;
        foreach (var group in valid.GroupBy(v => v.Instrument.Id))
        {
            var times = group.Select(g => g.At).Distinct().ToList();
            var existing = await db.Quotes.Where(q => q.InstrumentId == group.Key && times.Contains(q.At)).ToDictionaryAsync(q => q.At, ct);
            var closes = new Dictionary<DateTimeOffset, decimal?>();
            foreach (var quote in group.OrderBy(g => g.At))
            {
                var day = Indonesian.StartOfWibDay(quote.At);
                if (quote.PreviousClose is null && !closes.ContainsKey(day)) closes[day] = await PreviousCloseAsync(group.Key, day, group);
                var previous = quote.PreviousClose ?? closes[day];
                if (existing.TryGetValue(quote.At, out var row))
                {
                    row.Value = quote.Value;
                    row.PreviousClose = previous;
                }
                else
                {
                    row = new Quote { InstrumentId = group.Key, At = quote.At, Value = quote.Value, PreviousClose = previous };
                    db.Quotes.Add(row);
                    existing[quote.At] = row;
                }
                stored++;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        ticker.Invalidate();
        return new QuoteIngestReport(stored, [], []);
    }

    async Task<decimal?> PreviousCloseAsync(int instrumentId, DateTimeOffset dayStart,
        IEnumerable<(Instrument Instrument, DateTimeOffset At, decimal Value, decimal? PreviousClose)> batch)
    {
        var inBatch = batch.Where(b => b.At < dayStart).OrderByDescending(b => b.At).Select(b => ((DateTimeOffset, decimal)?)(b.At, b.Value)).FirstOrDefault();
        var stored = await db.Quotes.AsNoTracking().Where(q => q.InstrumentId == instrumentId && q.At < dayStart)
            .OrderByDescending(q => q.At).Select(q => new { q.At, q.Value }).FirstOrDefaultAsync();
        if (inBatch is { } b && (stored is null || b.Item1 >= stored.At)) return b.Item2;
        return stored?.Value;
    }
}
